using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetAutomation.Core.Identity;

namespace NetAutomation.Core.Data;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> e)
    {
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Slug).HasMaxLength(40);
        e.HasIndex(t => t.Name).IsUnique();
        e.HasIndex(t => t.Slug).IsUnique();
    }
}

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(100);
        e.HasOne(u => u.Tenant).WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Hash).HasMaxLength(64);
        e.HasIndex(t => t.Hash).IsUnique();
        e.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(t => t.IsActive);
    }
}
