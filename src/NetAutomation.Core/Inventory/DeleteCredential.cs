using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Core.Inventory;

public static class DeleteCredential
{
    public sealed record Command(int Id);

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var credential = await db.Credentials.SingleOrDefaultAsync(x => x.Id == c.Id, ct) ?? throw new NotFoundException($"Credential {c.Id} does not exist.");
            InUse.ThrowIfAny(credential.Name, ("device", await db.Devices.CountAsync(x => x.CredentialId == c.Id, ct)));
            db.Credentials.Remove(credential);
            await InventoryAudit.SaveAsync(db, clock, actor, "credential", () => c.Id, "deleted", $"Credential {credential.Name} deleted.", ct);
        }
    }
}
