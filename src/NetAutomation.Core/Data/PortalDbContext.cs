using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Ordering;
using NetAutomation.Core.Provisioning;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Data;

/// <summary>
/// The portal's one database context, Identity included. Provider-neutral: the web app picks SQLite,
/// SQL Server or PostgreSQL and the matching migrations assembly.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    // Inventory (Core/Inventory)
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Platform> Platforms => Set<Platform>();
    public DbSet<Device> Devices => Set<Device>();
    public DbSet<Interface> Interfaces => Set<Interface>();
    public DbSet<Link> Links => Set<Link>();
    public DbSet<Credential> Credentials => Set<Credential>();
    public DbSet<VlanPool> VlanPools => Set<VlanPool>();
    public DbSet<PrefixPool> PrefixPools => Set<PrefixPool>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<InventoryChange> InventoryChanges => Set<InventoryChange>();

    public DbSet<ServiceOrder> Orders => Set<ServiceOrder>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<OrderDevice> OrderDevices => Set<OrderDevice>();
    public DbSet<ConfigTemplate> ConfigTemplates => Set<ConfigTemplate>();
    public DbSet<DeviceChange> DeviceChanges => Set<DeviceChange>();
    public DbSet<CatalogOffer> CatalogOffers => Set<CatalogOffer>();

    /// <summary>Data Protection keys, shared by every app instance: cookies and device secrets survive restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
