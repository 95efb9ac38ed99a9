using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NetAutomation.Core.Jobs;

namespace NetAutomation.Web.Setup;

public static class JobsSetup
{
    public const string DashboardPolicy = "HangfireDashboard";

    /// <summary>Hangfire with its storage on the portal's own database server (SQLite file for the embedded default).</summary>
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        var db = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (db.Provider)
            {
                case DatabaseProvider.Sqlite:
                    // A file of its own beside the portal's: Hangfire's SQLite storage manages its own schema.
                    // Poll every second: an order placed on the embedded default should start at once, not after the 15 s default.
                    config.UseSQLiteStorage(Path.Combine(db.DataPath(contentRoot), "hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(db.ResolveConnectionString(contentRoot));
                    break;
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(db.ResolveConnectionString(contentRoot)));
                    break;
            }
        });
        builder.Services.AddHangfireServer(o => o.Queues = JobQueues.All);
        builder.Services.AddHealthChecks().AddCheck<HangfireHealthCheck>("jobs");
        return builder;
    }
}

/// <summary>Healthy when the job storage answers and at least one Hangfire server is alive.</summary>
internal sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            return Task.FromResult(servers.Count > 0
                ? HealthCheckResult.Healthy($"{servers.Count} job server(s) running.")
                : HealthCheckResult.Degraded("Job storage answers but no job server is running."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage does not answer.", e));
        }
    }
}
