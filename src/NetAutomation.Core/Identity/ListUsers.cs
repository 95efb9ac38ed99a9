using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Identity;

/// <summary>The accounts, for admins: who they are, their role, their tenant and whether they are locked out.</summary>
public static class ListUsers
{
    public sealed record Query;

    public sealed record Row(string Id, string Email, string DisplayName, string Role, string? Tenant, DateTimeOffset? LockedUntil);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, DateTimeOffset now, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var users = db.Users.AsNoTracking();
            var rows = await (
                from u in users
                join ur in db.UserRoles on u.Id equals ur.UserId into urs
                from ur in urs.DefaultIfEmpty()
                join r in db.Roles on ur.RoleId equals r.Id into rs
                from r in rs.DefaultIfEmpty()
                orderby u.Email
                select new { u.Id, u.Email, u.DisplayName, Role = r != null ? r.Name : null, Tenant = (string?)u.Tenant!.Name, u.LockoutEnd }
            ).ToListAsync(ct);

            return rows
                .GroupBy(x => x.Id)
                .Select(g =>
                {
                    var first = g.First();
                    var role = string.Join(", ", g.Select(x => x.Role).Where(x => x is not null).Order());
                    return new Row(first.Id, first.Email ?? "", first.DisplayName, role, first.Tenant,
                        first.LockoutEnd > now ? first.LockoutEnd : null);
                })
                .ToList();
        }
    }
}
