using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using NetAutomation.Core.Provisioning;
using NetAutomation.DeviceLab;
using NetAutomation.Devices;

namespace NetAutomation.Web.Features.Ordering;

public enum DeviceMode { Lab, Ssh }

/// <summary>The <c>Devices</c> section.</summary>
public sealed class DevicesOptions
{
    public const string Section = "Devices";

    /// <summary>Lab: every inventory router is a tier-1 simulated device in this process (the embedded default). Ssh: real devices.</summary>
    public DeviceMode Mode { get; set; } = DeviceMode.Lab;

    /// <summary>Where the default configuration templates are read from at start-up, relative to the app's folder.</summary>
    public string TemplateFolder { get; set; } = Path.Combine("seed", "templates");
}

public static class OrderingSetup
{
    public static WebApplicationBuilder AddOrdering(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<DevicesOptions>(builder.Configuration.GetSection(DevicesOptions.Section));
        services.AddOptions<ProvisioningOptions>().Bind(builder.Configuration.GetSection(ProvisioningOptions.Section))
            .Validate(o => o.ApprovalThreshold >= 0, "Provisioning:ApprovalThreshold must be 0 or more.")
            .Validate(o => o.LeaseSeconds >= 3, "Provisioning:LeaseSeconds must be at least 3.")
            .Validate(o => o.SweepSeconds >= 1, "Provisioning:SweepSeconds must be at least 1.")
            .ValidateOnStart();
        services.AddSingleton<DeviceAccess>();
        services.AddSingleton<IDeviceEvents, InventoryDeviceEvents>();
        services.AddSingleton(sp => new InProcessLab(sp.GetRequiredService<IDeviceEvents>()));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DevicesOptions>>().Value.Mode == DeviceMode.Ssh
            ? DeviceDriverFactory.Ssh(events: sp.GetRequiredService<IDeviceEvents>())
            : sp.GetRequiredService<InProcessLab>().Drivers());
        services.AddScoped<PlaceOrder.Handler>();
        services.AddScoped<ListOrders.Handler>();
        services.AddScoped<DecommissionService.Handler>();
        services.AddScoped<GetOrder.Handler>();
        services.AddScoped<CancelOrder.Handler>();
        services.AddScoped<DecideApproval.Handler>();
        services.AddScoped<RetryOrder.Handler>();
        services.AddScoped<ListApprovals.Handler>();
        services.AddScoped<ListDeviceChanges.Handler>();
        services.AddSingleton<OrderSweeper>();
        services.AddHostedService<OrderSweeperService>();
        services.AddScoped<ListOrderSites.Handler>();
        services.AddScoped<ListCatalog.Handler>();
        services.AddScoped<SaveCatalogOffer.Handler>();
        services.AddScoped<EnableCatalogOffer.Handler>();
        services.AddScoped<ListTemplates.Handler>();
        services.AddScoped<SaveTemplate.Handler>();
        services.AddScoped<PreviewTemplate.Handler>();
        services.AddScoped<ProvisionServiceJob>();
        services.AddHostedService<OrderingStartup>();
        return builder;
    }
}

/// <summary>At start-up: the default catalog offers and templates (each only when missing), and in lab mode a simulated router for every IOS router in the inventory.</summary>
internal sealed class OrderingStartup(IDbContextFactory<PortalDbContext> dbs, InProcessLab lab, IOptions<DevicesOptions> options,
    TimeProvider clock, ILogger<OrderingStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var folder = Path.IsPathRooted(options.Value.TemplateFolder) ? options.Value.TemplateFolder : Path.Combine(AppContext.BaseDirectory, options.Value.TemplateFolder);
        await ServiceCatalog.SeedAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        await TemplateStore.SeedAsync(db, folder, clock.GetUtcNow().UtcDateTime, ct);
        if (options.Value.Mode != DeviceMode.Lab) return;

        var routers = await db.Devices.AsNoTracking()
            .Where(d => d.Platform!.DriverKey == DevicePlatforms.Ios && d.State != DeviceState.Decommissioned)
            .Select(d => new { d.Hostname, d.ManagementAddress }).ToListAsync(ct);
        foreach (var r in routers.Where(r => lab.Find(r.ManagementAddress) is null)) lab.Add(r.Hostname, r.ManagementAddress);
        log.LogInformation("Device lab: {Count} simulated IOS routers answer at their inventory management addresses.", routers.Count);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Runs the <see cref="OrderSweeper"/> at start-up and then every <c>Provisioning:SweepSeconds</c>.</summary>
internal sealed class OrderSweeperService(OrderSweeper sweeper, IOptions<ProvisioningOptions> options, TimeProvider clock, ILogger<OrderSweeperService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds), clock);
        do
        {
            try
            {
                var resumed = await sweeper.SweepAsync(ct);
                if (resumed.Count > 0) log.LogWarning("Resuming {Count} order(s) whose run stopped or never started: {Orders}", resumed.Count, string.Join(", ", resumed));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The order sweeper failed; it tries again at the next tick");
            }
        } while (await timer.WaitForNextTickAsync(ct));
    }
}
