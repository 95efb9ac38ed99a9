using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Credentials as lists show them: never the secret, only whether one is set.</summary>
public static class ListCredentials
{
    public sealed record Query(PageRequest Page);

    public sealed record Row(int Id, string Name, string Username, int Devices);

    private static readonly Dictionary<string, Expression<Func<Credential, object?>>> Sorts = new()
    {
        ["name"] = x => x.Name, ["username"] = x => x.Username,
    };

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<Page<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rows = db.Credentials.AsNoTracking();
            if (query.Page.SearchText() is { } s) rows = rows.Where(x => x.Name.Contains(s) || x.Username.Contains(s));
            return await rows.ToPageAsync(query.Page, Sorts, x => new Row(x.Id, x.Name, x.Username, db.Devices.Count(d => d.CredentialId == x.Id)), ct);
        }
    }
}
