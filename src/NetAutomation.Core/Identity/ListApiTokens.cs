using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Identity;

/// <summary>A user's own API tokens, newest first: name and dates, never the secret (only its hash is kept).</summary>
public static class ListApiTokens
{
    public sealed record Query(string UserId);

    public sealed record Row(int Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            // Ordered by id, not by date: SQLite cannot order by DateTimeOffset, and ids grow with time.
            return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == query.UserId).OrderByDescending(t => t.Id)
                .Select(t => new Row(t.Id, t.Name, t.CreatedAt, t.RevokedAt)).ToListAsync(ct);
        }
    }
}
