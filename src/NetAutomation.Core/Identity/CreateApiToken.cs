using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Identity;

/// <summary>Makes a personal API token for a user. The secret is in the result only: the database keeps its hash.</summary>
public static class CreateApiToken
{
    /// <summary>A user with this many active tokens must revoke one first: tokens are for scripts, not for each request.</summary>
    public const int MaxActivePerUser = 20;

    public sealed record Command(string UserId, string? Name);

    public sealed record Result(int Id, string Name, string Secret);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var name = InventoryRules.Name(errors, nameof(c.Name), c.Name, "Token name");
            await using var db = await dbs.CreateDbContextAsync(ct);
            if (!await db.Users.AnyAsync(u => u.Id == c.UserId, ct)) throw new NotFoundException("The user does not exist.");
            var active = await db.ApiTokens.Where(t => t.UserId == c.UserId && t.RevokedAt == null).Select(t => t.Name).ToListAsync(ct);
            if (!errors.Has(nameof(c.Name)) && active.Contains(name)) errors.Add(nameof(c.Name), $"You already have an active token named '{name}'.");
            if (active.Count >= MaxActivePerUser) errors.Add(nameof(c.Name), $"You have {active.Count} active tokens, the limit; revoke one you no longer use.");
            errors.ThrowIfAny();

            var secret = ApiToken.NewSecret();
            var token = new ApiToken { UserId = c.UserId, Name = name, Hash = ApiToken.HashOf(secret), CreatedAt = clock.GetUtcNow() };
            db.ApiTokens.Add(token);
            await db.SaveChangesAsync(ct);
            return new Result(token.Id, name, secret);
        }
    }
}
