using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

/// <summary>Creates or changes a credential. On a change an empty <see cref="Command.Secret"/> keeps the stored one.</summary>
public static class SaveCredential
{
    public const int SecretLength = 256;

    public sealed record Command(int? Id, string? Name, string? Username, string? Secret);

    public sealed record Result(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, CredentialSecrets secrets, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            var name = InventoryRules.Name(errors, nameof(c.Name), c.Name);
            var username = InventoryRules.Name(errors, nameof(c.Username), c.Username, "User name");
            // The secret is not trimmed: spaces can be part of a password. Control characters never are.
            if (c.Secret is { Length: > 0 } secret)
            {
                if (secret.Length > SecretLength) errors.Add(nameof(c.Secret), $"Secret is {secret.Length} characters long; the limit is {SecretLength}.");
                if (secret.Any(char.IsControl)) errors.Add(nameof(c.Secret), "Secret contains a control character (such as a line break); remove it.");
            }
            else if (c.Id is null) errors.Add(nameof(c.Secret), "Secret is required.");

            await using var db = await dbs.CreateDbContextAsync(ct);
            var credential = c.Id is { } id
                ? await db.Credentials.SingleOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException($"Credential {id} does not exist.")
                : new Credential { Name = name, Username = username, ProtectedSecret = "" };
            if (!errors.Has(nameof(c.Name)) && await db.Credentials.AnyAsync(x => x.Name == name && x.Id != credential.Id, ct))
                errors.Add(nameof(c.Name), $"A credential named '{name}' already exists.");
            errors.ThrowIfAny();
            var created = credential.Id == 0;
            credential.Name = name;
            credential.Username = username;
            if (!string.IsNullOrEmpty(c.Secret)) credential.ProtectedSecret = secrets.Protect(c.Secret);
            if (created) db.Credentials.Add(credential);
            var what = string.IsNullOrEmpty(c.Secret) ? "" : " (secret set)";
            await InventoryAudit.SaveAsync(db, clock, actor, "credential", () => credential.Id, created ? "created" : "updated", $"Credential {name} for user {username}{what}.", ct);
            return new Result(credential.Id);
        }
    }
}
