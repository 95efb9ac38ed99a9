using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;

namespace NetAutomation.Core.Lab;

/// <summary>
/// The roles, and in lab mode the demo tenants, users and API tokens. Idempotent: run at every start-up,
/// it adds only what is missing.
/// </summary>
public sealed class DemoUsers(
    IDbContextFactory<PortalDbContext> dbs,
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<LabOptions> lab,
    TimeProvider clock)
{
    public sealed record DemoUser(string Email, string DisplayName, string Role, string? TenantSlug);

    public static readonly IReadOnlyList<(string Name, string Slug)> Tenants = [("Acme Corporation", "acme"), ("Globex", "globex")];

    public static readonly IReadOnlyList<DemoUser> Accounts =
    [
        new("customer@acme.example", "Alice Acme", Roles.Customer, "acme"),
        new("customer@globex.example", "Gus Globex", Roles.Customer, "globex"),
        new("noc@netautomation.example", "Nina NOC", Roles.Noc, null),
        new("admin@netautomation.example", "Adam Admin", Roles.Admin, null),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");

        var options = lab.Value;
        if (!options.SeedDemoUsers) return;
        if (string.IsNullOrEmpty(options.DemoPassword))
            throw new InvalidOperationException("Lab:SeedDemoUsers is true but Lab:DemoPassword is empty; set the demo password.");

        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var (name, slug) in Tenants)
            if (!await db.Tenants.AnyAsync(t => t.Slug == slug, ct))
                db.Tenants.Add(new Tenant { Name = name, Slug = slug });
        await db.SaveChangesAsync(ct);
        var tenantIds = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id, ct);

        foreach (var account in Accounts)
        {
            var user = await users.FindByEmailAsync(account.Email);
            if (user is null)
            {
                user = new PortalUser
                {
                    UserName = account.Email,
                    Email = account.Email,
                    EmailConfirmed = true,
                    DisplayName = account.DisplayName,
                    TenantId = account.TenantSlug is null ? null : tenantIds[account.TenantSlug],
                };
                Check(await users.CreateAsync(user, options.DemoPassword), account.Email);
                Check(await users.AddToRoleAsync(user, account.Role), account.Email);
            }
        }

        foreach (var (email, token) in options.DemoApiTokens)
        {
            var user = await users.FindByEmailAsync(email)
                ?? throw new InvalidOperationException($"Lab:DemoApiTokens names {email}, which is not a demo user.");
            var hash = ApiToken.HashOf(token);
            if (!await db.ApiTokens.AnyAsync(t => t.Hash == hash, ct))
                db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "demo", Hash = hash, CreatedAt = clock.GetUtcNow() });
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not seed {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
