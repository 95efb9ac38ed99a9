using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Identity;

namespace NetAutomation.Core.Data;

/// <summary>
/// The portal's one database context, Identity included. Provider-neutral: the web app picks SQLite,
/// SQL Server or PostgreSQL and the matching migrations assembly.
/// </summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>Data Protection keys, shared by every app instance: cookies and device secrets survive restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
