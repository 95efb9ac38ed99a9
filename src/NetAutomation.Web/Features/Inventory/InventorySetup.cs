using Hangfire;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Lab;
using NetAutomation.Web.Features.Api;

namespace NetAutomation.Web.Features.Inventory;

/// <summary>The <c>Inventory</c> section.</summary>
public sealed class InventoryOptions
{
    public const string Section = "Inventory";

    /// <summary>The demo lab seed, loaded into an empty inventory in lab mode (<c>Lab:SeedDemoUsers</c>). Relative to the app's folder.</summary>
    public string SeedFile { get; set; } = Path.Combine("seed", "demo-lab.yaml");

    /// <summary>How long a reservation is held when the caller does not say.</summary>
    public int DefaultHoldMinutes { get; set; } = 15;
}

public static class InventorySetup
{
    public static WebApplicationBuilder AddInventory(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<InventoryOptions>(builder.Configuration.GetSection(InventoryOptions.Section));
        services.AddSingleton<Allocator>();
        services.AddSingleton<CredentialSecrets>();
        services.AddScoped<DemoNetwork>();
        services.AddScoped<ReleaseExpiredHoldsJob>();
        // Every use case of Core/Inventory is a static class with a nested Handler: register them all, so a new one needs no line here.
        foreach (var handler in typeof(Allocator).Assembly.GetTypes()
                     .Where(t => t is { Name: "Handler", IsClass: true, IsAbstract: false } && t.DeclaringType?.Namespace == typeof(Allocator).Namespace))
            services.AddScoped(handler);
        services.AddHostedService<InventoryStartup>();
        builder.AddPortalApi();
        return builder;
    }

    public static WebApplication MapInventory(this WebApplication app)
    {
        app.MapPortalApi().MapInventoryApi();
        return app;
    }
}

/// <summary>At start-up: the demo network in lab mode, and the recurring job that releases expired holds.</summary>
internal sealed class InventoryStartup(IServiceProvider services, IRecurringJobManager jobs, Microsoft.Extensions.Options.IOptions<LabOptions> lab,
    Microsoft.Extensions.Options.IOptions<InventoryOptions> options, ILogger<InventoryStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        jobs.AddOrUpdate<ReleaseExpiredHoldsJob>(ReleaseExpiredHoldsJob.Id, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        if (!lab.Value.SeedDemoUsers) return;
        var path = Path.IsPathRooted(options.Value.SeedFile) ? options.Value.SeedFile : Path.Combine(AppContext.BaseDirectory, options.Value.SeedFile);
        await using var scope = services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<DemoNetwork>().SeedAsync(path, ct))
            log.LogInformation("Seeded the demo network from {Path}.", path);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
