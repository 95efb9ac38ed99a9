using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using System.Threading.Channels;
using NetAutomation.Core.Live;
using NetAutomation.Testing;

namespace NetAutomation.Web.Tests.Foundation;

/// <summary>
/// Two portal processes sharing the Redis backplane (real Redis started by tests/run.sh): an event raised on one
/// reaches a live-feed client connected to the other.
/// </summary>
public class RedisBackplaneTests
{
    [Fact]
    public async Task EventRaisedOnOneInstance_ReachesHubClientOfAnother()
    {
        var settings = new Dictionary<string, string> { ["Redis:Configuration"] = TestServers.Redis };
        await using var first = await PortalProcess.StartAsync(settings);
        await using var second = await PortalProcess.StartAsync(settings);

        var events = Channel.CreateUnbounded<LiveEvent>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(second.Address, "/hubs/live"), o => o.Headers["Authorization"] = "Bearer nat_demo_noc_token")
            .Build();
        hub.On<LiveEvent>("event", e => events.Writer.WriteAsync(e).AsTask());
        await hub.StartAsync(TestContext.Current.CancellationToken);
        await hub.InvokeAsync("Watch", LiveTopics.Noc, TestContext.Current.CancellationToken);

        // A sign-in on the first instance is announced on the NOC feed.
        using var _ = await PortalClient.SignInAsync(first.Address, "customer@globex.example", PortalApp.DemoPassword);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = await events.Reader.ReadAsync(timeout.Token);
        Assert.Equal("user.signin", received.Kind);
        Assert.Equal("customer@globex.example signed in.", received.Message);
    }

    [Fact]
    public async Task Customer_MayNotWatchTheNocTopic_OverTheHub()
    {
        await using var portal = await PortalProcess.StartAsync();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(portal.Address, "/hubs/live"), o => o.Headers["Authorization"] = "Bearer nat_demo_acme_customer_token")
            .Build();
        await hub.StartAsync(TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Watch", LiveTopics.Noc, TestContext.Current.CancellationToken));
        Assert.Contains("You may not watch 'noc'", e.Message);
    }
}
