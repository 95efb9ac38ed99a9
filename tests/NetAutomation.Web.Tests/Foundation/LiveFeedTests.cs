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

    [Fact]
    public async Task PublishedEvent_ReachesSubscribedComponent_ThroughTheHub()
    {
        await ConnectedAsync(app);
        var (events, subscription) = Watch(app, User(Roles.Noc), LiveTopics.Noc);
        using var _ = subscription;

        var sent = new LiveEvent(LiveTopics.Noc, "test.ping", "test/1", $"ping {Guid.NewGuid()}", DateTimeOffset.UtcNow);
        await app.Service<ILiveFeed>().PublishAsync(sent, TestContext.Current.CancellationToken);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var received = await events.Reader.ReadAsync(timeout.Token);
        Assert.Equal(sent, received);
    }

    [Fact]
    public async Task Subscriber_DoesNotReceiveOtherTopics()
    {
        await ConnectedAsync(app);
        var (acmeEvents, acme) = Watch(app, User(Roles.Customer, tenant: 1), LiveTopics.Tenant(1));
        var (nocEvents, noc) = Watch(app, User(Roles.Noc), LiveTopics.Noc);
        using var _ = acme;
        using var __ = noc;

        var feed = app.Service<ILiveFeed>();
        await feed.PublishAsync(new LiveEvent(LiveTopics.Tenant(2), "order.step", "order/9", "globex only", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        // Events on one hub connection arrive in order: once the NOC event is here, the tenant-2 one was delivered (or not) before it.
        await feed.PublishAsync(new LiveEvent(LiveTopics.Noc, "marker", "x", "after", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.Equal("marker", (await nocEvents.Reader.ReadAsync(timeout.Token)).Kind);
        Assert.False(acmeEvents.Reader.TryRead(out var leaked), $"Acme received {leaked}");
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
