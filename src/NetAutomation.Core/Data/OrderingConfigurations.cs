using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using NetAutomation.Core.Provisioning;

namespace NetAutomation.Core.Data;

internal sealed class ServiceOrderConfiguration : IEntityTypeConfiguration<ServiceOrder>
{
    public void Configure(EntityTypeBuilder<ServiceOrder> e)
    {
        e.ToTable("Orders");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Step).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Reference).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.RequestedBy).HasMaxLength(256);
        e.Property(x => x.FailureReason).HasMaxLength(2000);
        e.Property(x => x.PathLinks).HasMaxLength(1000);
        e.Property(x => x.PathDescription).HasMaxLength(1000);
        e.Property(x => x.ApprovedBy).HasMaxLength(256);
        e.Property(x => x.DecommissionRequestedBy).HasMaxLength(256);
        e.Property(x => x.ApprovalNote).HasMaxLength(InventoryRules.TextLength);
        e.Property(x => x.LeaseOwner).HasMaxLength(100);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.TenantId, x.State });
        e.HasIndex(x => x.State);
        e.HasOne(x => x.Tenant).WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.SiteA).WithMany().HasForeignKey(x => x.SiteAId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.SiteB).WithMany().HasForeignKey(x => x.SiteBId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Timeline).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Devices).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Resources).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderEventConfiguration : IEntityTypeConfiguration<OrderEvent>
{
    public void Configure(EntityTypeBuilder<OrderEvent> e)
    {
        e.ToTable("OrderEvents");
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Step).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Message).HasMaxLength(2000);
    }
}

internal sealed class OrderDeviceConfiguration : IEntityTypeConfiguration<OrderDevice>
{
    public void Configure(EntityTypeBuilder<OrderDevice> e)
    {
        e.ToTable("OrderDevices");
        e.Property(x => x.Hostname).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Message).HasMaxLength(2000);
        e.Property(x => x.Role).HasMaxLength(20);
        e.Property(x => x.Values).HasMaxLength(4000);
        e.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.OrderId, x.Position }).IsUnique();
        e.HasIndex(x => x.DeviceId);
    }
}

internal sealed class DeviceChangeConfiguration : IEntityTypeConfiguration<DeviceChange>
{
    public void Configure(EntityTypeBuilder<DeviceChange> e)
    {
        e.ToTable("DeviceChanges");
        e.Property(x => x.Hostname).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        e.HasOne<Device>().WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<ServiceOrder>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => new { x.DeviceId, x.Id });
        e.HasIndex(x => x.OrderId);
    }
}

internal sealed class CatalogOfferConfiguration : IEntityTypeConfiguration<CatalogOffer>
{
    public void Configure(EntityTypeBuilder<CatalogOffer> e)
    {
        e.ToTable("CatalogOffers");
        e.HasKey(x => x.Kind);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Name).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.Description).HasMaxLength(InventoryRules.TextLength);
        e.Property(x => x.BandwidthsMbps).HasMaxLength(200);
        e.Property(x => x.PrefixLengths).HasMaxLength(100);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class OrderResourceConfiguration : IEntityTypeConfiguration<OrderResource>
{
    public void Configure(EntityTypeBuilder<OrderResource> e)
    {
        e.ToTable("OrderResources");
        e.Property(x => x.Description).HasMaxLength(200);
        e.HasOne<Allocation>().WithMany().HasForeignKey(x => x.AllocationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfigTemplateConfiguration : IEntityTypeConfiguration<ConfigTemplate>
{
    public void Configure(EntityTypeBuilder<ConfigTemplate> e)
    {
        e.ToTable("ConfigTemplates");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Platform).HasMaxLength(20);
        e.Property(x => x.Variant).HasConversion<string>().HasMaxLength(10);
        e.Property(x => x.Body).HasMaxLength(20_000);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
        e.HasIndex(x => new { x.Kind, x.Platform, x.Variant }).IsUnique();
        e.Ignore(x => x.Name);
    }
}
