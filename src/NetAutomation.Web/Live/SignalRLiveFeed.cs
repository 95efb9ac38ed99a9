using Microsoft.AspNetCore.SignalR;
using NetAutomation.Core.Live;
using NetAutomation.Web.Hubs;

namespace NetAutomation.Web.Live;

/// <summary>Core's <see cref="ILiveFeed"/>: sends each event to its topic's group and to every instance feed.
/// With Redis configured the backplane carries it to the other app instances.</summary>
internal sealed class SignalRLiveFeed(IHubContext<LiveHub> hub) : ILiveFeed
{
    public Task PublishAsync(LiveEvent e, CancellationToken ct = default) =>
        hub.Clients.Groups(e.Topic, LiveTopics.All).SendAsync(LiveHub.EventMethod, e, ct);
}
