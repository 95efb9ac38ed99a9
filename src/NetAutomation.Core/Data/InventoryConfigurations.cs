using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Data;

// Enums are stored as text so that the SQL scripts and ad-hoc queries read like the UI.
// Lengths come from InventoryRules so the columns and the validation cannot drift apart.

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> e)
    {
        e.ToTable("Sites");
        e.Property(x => x.Name).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Address).HasMaxLength(InventoryRules.TextLength);
        e.Property(x => x.Description).HasMaxLength(InventoryRules.TextLength);
        e.HasIndex(x => x.Name).IsUnique();
        e.HasOne(x => x.Tenant).WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.EdgeDevice).WithMany().HasForeignKey(x => x.EdgeDeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<Platform>
{
    public void Configure(EntityTypeBuilder<Platform> e)
    {
        e.ToTable("Platforms");
        e.Property(x => x.Name).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.Vendor).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.OsName).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.DriverKey).HasMaxLength(InventoryRules.KeyLength);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> e)
    {
        e.ToTable("Devices");
        e.Property(x => x.Hostname).HasMaxLength(InventoryRules.HostnameLength);
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ManagementAddress).HasMaxLength(45);
        e.Property(x => x.SerialNumber).HasMaxLength(InventoryRules.KeyLength);
        e.Property(x => x.MacAddress).HasMaxLength(17);
        e.Property(x => x.SshHostKey).HasMaxLength(4000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.Hostname).IsUnique();
        e.HasIndex(x => x.ManagementAddress).IsUnique();
        e.HasIndex(x => x.MacAddress).IsUnique();
        e.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Platform).WithMany().HasForeignKey(x => x.PlatformId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Credential).WithMany().HasForeignKey(x => x.CredentialId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Interfaces).WithOne(x => x.Device).HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InterfaceConfiguration : IEntityTypeConfiguration<Interface>
{
    public void Configure(EntityTypeBuilder<Interface> e)
    {
        e.ToTable("Interfaces");
        e.Property(x => x.Name).HasMaxLength(InventoryRules.InterfaceNameLength);
        e.Property(x => x.Description).HasMaxLength(InventoryRules.TextLength);
        e.HasIndex(x => new { x.DeviceId, x.Name }).IsUnique();
    }
}

internal sealed class LinkConfiguration : IEntityTypeConfiguration<Link>
{
    public void Configure(EntityTypeBuilder<Link> e)
    {
        e.ToTable("Links");
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        // Each end is unique; that an interface is not the A end of one link and the B end of another is checked by SaveLink.
        e.HasIndex(x => x.AInterfaceId).IsUnique();
        e.HasIndex(x => x.BInterfaceId).IsUnique();
        e.HasOne(x => x.AInterface).WithMany().HasForeignKey(x => x.AInterfaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.BInterface).WithMany().HasForeignKey(x => x.BInterfaceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<Credential>
{
    public void Configure(EntityTypeBuilder<Credential> e)
    {
        e.ToTable("Credentials");
        e.Property(x => x.Name).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.Username).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.ProtectedSecret).HasMaxLength(4000);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class VlanPoolConfiguration : IEntityTypeConfiguration<VlanPool>
{
    public void Configure(EntityTypeBuilder<VlanPool> e)
    {
        e.ToTable("VlanPools");
        e.Property(x => x.Name).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.Description).HasMaxLength(InventoryRules.TextLength);
        e.HasIndex(x => x.Name).IsUnique();
        e.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Device).WithMany().HasForeignKey(x => x.DeviceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PrefixPoolConfiguration : IEntityTypeConfiguration<PrefixPool>
{
    public void Configure(EntityTypeBuilder<PrefixPool> e)
    {
        e.ToTable("PrefixPools");
        e.Property(x => x.Name).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.Prefix).HasMaxLength(InventoryRules.PrefixLength);
        e.Property(x => x.Description).HasMaxLength(InventoryRules.TextLength);
        e.HasIndex(x => x.Name).IsUnique();
        e.HasIndex(x => x.Prefix).IsUnique();
        e.HasOne(x => x.Site).WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> e)
    {
        e.ToTable("Allocations");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Prefix).HasMaxLength(InventoryRules.PrefixLength);
        e.Property(x => x.Owner).HasMaxLength(InventoryRules.NameLength);
        e.Property(x => x.ActiveKey).HasMaxLength(InventoryRules.PrefixLength + 20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Resource);
        // The guarantee against double allocation: NULLs (released rows) do not collide on any of the three providers.
        e.HasIndex(x => x.ActiveKey).IsUnique();
        e.HasIndex(x => new { x.State, x.HeldUntil });
        e.HasIndex(x => x.Owner);
        e.HasOne(x => x.VlanPool).WithMany().HasForeignKey(x => x.VlanPoolId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.PrefixPool).WithMany().HasForeignKey(x => x.PrefixPoolId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.Tenant).WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InventoryChangeConfiguration : IEntityTypeConfiguration<InventoryChange>
{
    public void Configure(EntityTypeBuilder<InventoryChange> e)
    {
        e.ToTable("InventoryChanges");
        e.Property(x => x.Actor).HasMaxLength(256);
        e.Property(x => x.Entity).HasMaxLength(40);
        e.Property(x => x.Action).HasMaxLength(40);
        e.Property(x => x.Summary).HasMaxLength(2000);
        e.HasIndex(x => new { x.Entity, x.EntityId });
        e.HasIndex(x => x.At);
    }
}
