using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Testing;

namespace NetAutomation.Web.Tests.Foundation;

/// <summary>
/// Hangfire's SQLite storage (sqlite-net, SQLitePCLRaw 3) and EF Core's SQLite provider (SQLitePCLRaw 2) load two
/// native SQLite libraries into one process (STACK.md). This runs a real job that writes through EF Core.
/// </summary>
[Collection(PortalAppCollection.Name)]
public class HangfireOnSqliteTests(PortalApp app)
{
    [Fact]
    public async Task Job_RunsOnSqliteStorage_AndWritesThroughEfCoreOnSqlite()
    {
        _ = app.Address;
        var slug = $"job-{Guid.NewGuid():N}"[..30];
        var jobId = app.Service<IBackgroundJobClient>().Enqueue<TenantWritingJob>(j => j.RunAsync(slug));

        var dbs = app.Service<IDbContextFactory<PortalDbContext>>();
        var tenant = await Eventually.GetAsync(async () =>
        {
            await using var db = await dbs.CreateDbContextAsync();
            return await db.Tenants.SingleOrDefaultAsync(t => t.Slug == slug);
        }, "the job to write its tenant");

        Assert.Equal($"Written by job {slug}", tenant.Name);
        await Eventually.TrueAsync(() => app.Service<JobStorage>().GetConnection().GetStateData(jobId)?.Name == SucceededState.StateName, "the job to be marked succeeded");
    }

    public sealed class TenantWritingJob(IDbContextFactory<PortalDbContext> dbs)
    {
        public async Task RunAsync(string slug)
        {
            await using var db = await dbs.CreateDbContextAsync();
            db.Tenants.Add(new Tenant { Name = $"Written by job {slug}", Slug = slug });
            await db.SaveChangesAsync();
        }
    }
}
