using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Data;
using NetAutomation.Core.Provisioning;

namespace NetAutomation.Testing;

/// <summary>
/// The portal on a real Kestrel loopback port (so browsers, SignalR clients and SSH labs can reach it), on its own
/// temporary data folder: SQLite by default, or any settings given. Disposing it deletes the folder.
/// </summary>
public sealed class PortalApp : WebApplicationFactory<Program>
{
    /// <summary>The demo password from the app's development settings, read once from the same file the app uses.</summary>
    public static readonly string DemoPassword = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"))
        .Build()["Lab:DemoPassword"] ?? throw new InvalidOperationException("appsettings.Development.json has no Lab:DemoPassword.");

    /// <summary>Settings on top of the app's own (Development) settings; set them before the server starts.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    public string EnvironmentName { get; init; } = "Development";

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("natest-app-").FullName;

    public PortalApp() => UseKestrel(0);

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Sets <c>Provisioning:ApprovalThreshold</c> on the running portal (the orchestrator reads this very options object
    /// at its approval gate) until the result is disposed, which puts the old value back. For tests that run one at a
    /// time against the shared portal: 0 sends every change to the NOC's approvals queue.
    /// </summary>
    public IDisposable ApprovalThreshold(int threshold)
    {
        var options = Service<IOptions<ProvisioningOptions>>().Value;
        var before = options.ApprovalThreshold;
        options.ApprovalThreshold = threshold;
        return new Restore(() => options.ApprovalThreshold = before);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>A client with its own cookie jar that does not follow redirects, so tests see them.</summary>
    public HttpClient NewClient() => PortalClient.New(Address);

    /// <summary>A client that authenticates with a personal API token (the demo users have theirs in the development settings).</summary>
    public HttpClient NewClient(string bearerToken)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    /// <summary>The id of a site of the demo network, by name.</summary>
    public async Task<int> SiteIdAsync(string name, CancellationToken ct = default)
    {
        await using var db = await Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        return await db.Sites.Where(s => s.Name == name).Select(s => s.Id).SingleAsync(ct);
    }

    /// <summary>Signs in through the real login form and returns the client holding the cookie.</summary>
    public Task<HttpClient> SignInAsync(string email, string? password = null) => PortalClient.SignInAsync(Address, email, password ?? DemoPassword);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); }
        catch (IOException) { /* a file still open on a slow shutdown: the temp folder is cleaned by the OS */ }
    }
}
