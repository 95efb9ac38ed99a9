using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.SignalR.Client;
using NetAutomation.Core.Live;
using NetAutomation.Web.Hubs;

namespace NetAutomation.Web.Live;

/// <summary>
/// One SignalR client per app instance, connected to this instance's own hub: it receives every event (from
/// this instance, or from others through the Redis backplane) and fans it out to the Blazor components of
/// this instance that subscribed. Components subscribe in OnInitialized and dispose the subscription.
/// </summary>
public sealed class InstanceFeed(IServer server, IHostApplicationLifetime lifetime, InstanceKey key, ILogger<InstanceFeed> log)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, (string Topic, Func<LiveEvent, Task> Handler)> _subscribers = new();
    private HubConnection? _connection;

    public bool IsConnected => _connection?.State == HubConnectionState.Connected;

    /// <summary>Calls <paramref name="handler"/> for each event on <paramref name="topic"/> while the result is not disposed.</summary>
    /// <exception cref="UnauthorizedAccessException">The user may not watch that topic.</exception>
    public IDisposable Subscribe(ClaimsPrincipal user, string topic, Func<LiveEvent, Task> handler)
    {
        if (!LiveTopics.CanWatch(user, topic)) throw new UnauthorizedAccessException($"You may not watch '{topic}'.");
        var id = Guid.NewGuid();
        _subscribers[id] = (topic, handler);
        return new Subscription(() => _subscribers.TryRemove(id, out _));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken)) return;
        var url = new Uri(new Uri(OwnAddress()), LiveHub.Path);
        _connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Headers["Authorization"] = $"Bearer {key.Value}";
                // Our own listener on loopback: its development certificate need not be trusted by this process.
                o.HttpMessageHandlerFactory = h =>
                {
                    if (h is HttpClientHandler http)
                        http.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                    return h;
                };
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            })
            .WithAutomaticReconnect(new ForeverRetry())
            .Build();
        _connection.On<LiveEvent>(LiveHub.EventMethod, DispatchAsync);
        _connection.Reconnected += _ => _connection.InvokeAsync(nameof(LiveHub.Watch), LiveTopics.All, stoppingToken);

        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await _connection.StartAsync(stoppingToken);
                await _connection.InvokeAsync(nameof(LiveHub.Watch), LiveTopics.All, stoppingToken);
                log.LogInformation("Live feed connected to {Url}", url);
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Live feed could not connect to {Url} (attempt {Attempt}); retrying", url, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 10)), stoppingToken);
            }
        }
    }

    private async Task DispatchAsync(LiveEvent e)
    {
        foreach (var (topic, handler) in _subscribers.Values)
        {
            if (topic != e.Topic) continue;
            try { await handler(e); }
            catch (Exception ex) { log.LogWarning(ex, "A live-feed subscriber failed on {Kind}", e.Kind); }
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource();
        await using var _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var __ = ct.Register(() => started.TrySetCanceled());
        try { await started.Task; return true; }
        catch (OperationCanceledException) { return false; }
    }

    private string OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no listening address for the live feed to connect to.");
        // A wildcard listener is reachable on loopback.
        return address.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        if (_connection is not null) await _connection.DisposeAsync();
        await base.StopAsync(ct);
    }

    private sealed class ForeverRetry : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) => TimeSpan.FromSeconds(Math.Min(context.PreviousRetryCount + 1, 10));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

public static class LiveSetup
{
    public static WebApplicationBuilder AddLiveFeed(this WebApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR();
        var redis = builder.Configuration["Redis:Configuration"];
        if (!string.IsNullOrWhiteSpace(redis))
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("netautomation"));
        builder.Services.AddSingleton<InstanceKey>();
        builder.Services.AddSingleton<ILiveFeed, SignalRLiveFeed>();
        builder.Services.AddSingleton<InstanceFeed>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InstanceFeed>());
        return builder;
    }
}
