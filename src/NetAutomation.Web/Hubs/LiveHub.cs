using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using NetAutomation.Core.Live;
using NetAutomation.Web.Live;

namespace NetAutomation.Web.Hubs;

/// <summary>
/// <c>/hubs/live</c>: signed-in clients join the topics they may watch and receive <c>event</c> messages.
/// Browsers use it through Blazor components; scripts may connect with an API token.
/// </summary>
[Authorize]
public sealed class LiveHub : Hub
{
    public const string Path = "/hubs/live";
    public const string EventMethod = "event";

    /// <summary>Starts sending the topic's events to this connection; refused when the user may not watch it.</summary>
    public async Task Watch(string topic)
    {
        var user = Context.User ?? throw new HubException("Not signed in.");
        var allowed = topic == LiveTopics.All ? user.IsInRole(InstanceKey.Role) : LiveTopics.CanWatch(user, topic);
        if (!allowed) throw new HubException($"You may not watch '{topic}'.");
        await Groups.AddToGroupAsync(Context.ConnectionId, topic);
    }

    public Task Unwatch(string topic) => Groups.RemoveFromGroupAsync(Context.ConnectionId, topic);
}
