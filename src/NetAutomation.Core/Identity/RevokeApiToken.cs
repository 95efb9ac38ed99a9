using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Identity;

/// <summary>Revokes one of the user's own tokens; from then on a request carrying it is refused. Revoking twice changes nothing.</summary>
public static class RevokeApiToken
{
    public sealed record Command(string UserId, int TokenId);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            // Someone else's token is "not found", so that ids of other users' tokens cannot be probed.
            var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == c.TokenId && t.UserId == c.UserId, ct)
                        ?? throw new NotFoundException($"Token {c.TokenId} does not exist.");
            if (token.RevokedAt is not null) return;
            token.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
    }
}
