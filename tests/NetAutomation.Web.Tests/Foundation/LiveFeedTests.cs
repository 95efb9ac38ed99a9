using System.Security.Claims;
using System.Threading.Channels;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Live;
using NetAutomation.Testing;
using NetAutomation.Web.Live;

namespace NetAutomation.Web.Tests.Foundation;

[Collection(PortalAppCollection.Name)]
public class LiveFeedTests(PortalApp app)
{
    internal static ClaimsPrincipal User(string role, int? tenant = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, role), new(ClaimTypes.Role, role) };
        if (tenant is not null) claims.Add(new Claim(PortalClaims.TenantId, tenant.Value.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    /// <summary>Subscribes to a topic on an app's instance feed and collects what arrives.</summary>
    internal static (Channel<LiveEvent> Events, IDisposable Subscription) Watch(PortalApp portal, ClaimsPrincipal user, string topic)
    {
        var events = Channel.CreateUnbounded<LiveEvent>();
        var subscription = portal.Service<InstanceFeed>().Subscribe(user, topic, e => events.Writer.WriteAsync(e).AsTask());
        return (events, subscription);
    }

    internal static async Task ConnectedAsync(PortalApp portal)
    {
        _ = portal.Address; // starts the server
        await Eventually.TrueAsync(() => portal.Service<InstanceFeed>().IsConnected, "the instance feed to connect to its hub");
    }

    /// <summary>The first event that matches, skipping what other tests publish meanwhile; fails after 15 s.</summary>
    private static async Task<LiveEvent> NextAsync(Channel<LiveEvent> events, Func<LiveEvent, bool> wanted, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var e = await events.Reader.ReadAsync(timeout.Token);
            if (wanted(e)) return e;
        }
    }

    /// <summary>
    /// Waits until a new subscription really receives (joining the hub's group takes a round trip): publishes a probe
    /// on the topic until one arrives, for at most 15 s.
    /// </summary>
    private static async Task JoinedAsync(PortalApp portal, Channel<LiveEvent> events, string topic)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var probe = $"probe {Guid.NewGuid()}";
            await portal.Service<ILiveFeed>().PublishAsync(new LiveEvent(topic, "test.probe", "test/probe", probe, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
            try
            {
                await NextAsync(events, e => e.Message == probe, TimeSpan.FromMilliseconds(500));
                return;
            }
            catch (OperationCanceledException) { /* not joined yet */ }
        }
        Assert.Fail($"The subscription to {topic} received nothing within 15 s.");
    }

    [Fact]
    public async Task PublishedEvent_ReachesSubscribedComponent_ThroughTheHub()
    {
        await ConnectedAsync(app);
        var (events, subscription) = Watch(app, User(Roles.Noc), LiveTopics.Noc);
        using var _ = subscription;
        await JoinedAsync(app, events, LiveTopics.Noc);

        var sent = new LiveEvent(LiveTopics.Noc, "test.ping", "test/1", $"ping {Guid.NewGuid()}", DateTimeOffset.UtcNow);
        await app.Service<ILiveFeed>().PublishAsync(sent, TestContext.Current.CancellationToken);

        // Other tests share the portal and its NOC topic (order progress, sign-ins): wait for this event among them.
        Assert.Equal(sent, await NextAsync(events, e => e.Message == sent.Message));
    }

    [Fact]
    public async Task Subscriber_DoesNotReceiveOtherTopics()
    {
        await ConnectedAsync(app);
        var (acmeEvents, acme) = Watch(app, User(Roles.Customer, tenant: 1), LiveTopics.Tenant(1));
        var (nocEvents, noc) = Watch(app, User(Roles.Noc), LiveTopics.Noc);
        using var _ = acme;
        using var __ = noc;
        await JoinedAsync(app, acmeEvents, LiveTopics.Tenant(1));
        await JoinedAsync(app, nocEvents, LiveTopics.Noc);

        var feed = app.Service<ILiveFeed>();
        await feed.PublishAsync(new LiveEvent(LiveTopics.Tenant(2), "order.step", "order/9", "globex only", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        // Events on one hub connection arrive in order: once the NOC event is here, the tenant-2 one was delivered (or not) before it.
        await feed.PublishAsync(new LiveEvent(LiveTopics.Noc, "marker", "x", "after", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        await NextAsync(nocEvents, e => e.Kind == "marker");
        // Acme's own topic may carry other tests' Acme orders; what must not be there is the tenant-2 event.
        while (acmeEvents.Reader.TryRead(out var e)) Assert.NotEqual("globex only", e.Message);
    }

    [Fact]
    public void Customer_MayNotWatchAnotherTenant_OrTheNocTopic()
    {
        var feed = app.Service<InstanceFeed>();
        var acme = User(Roles.Customer, tenant: 1);
        Assert.Throws<UnauthorizedAccessException>(() => feed.Subscribe(acme, LiveTopics.Tenant(2), _ => Task.CompletedTask));
        Assert.Throws<UnauthorizedAccessException>(() => feed.Subscribe(acme, LiveTopics.Noc, _ => Task.CompletedTask));
        Assert.Throws<UnauthorizedAccessException>(() => feed.Subscribe(User(Roles.Admin), LiveTopics.All, _ => Task.CompletedTask));
    }
}
