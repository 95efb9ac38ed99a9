namespace NetAutomation.Core.Live;

/// <summary>
/// One entry on the live feed: the same record the timeline stores, sent to every page, dashboard and
/// API client watching <see cref="Topic"/>.
/// </summary>
/// <param name="Topic">Who may watch it: see <see cref="LiveTopics"/>.</param>
/// <param name="Kind">What happened, e.g. <c>order.step</c> or <c>device.state</c>.</param>
/// <param name="Subject">What it happened to, e.g. <c>order/42</c>.</param>
/// <param name="Message">A sentence a person can read.</param>
public sealed record LiveEvent(string Topic, string Kind, string Subject, string Message, DateTimeOffset At);

/// <summary>Publishes live events. Core calls it; the web app carries the events over SignalR.</summary>
public interface ILiveFeed
{
    Task PublishAsync(LiveEvent e, CancellationToken ct = default);
}

/// <summary>Topic names. A topic is a SignalR group; <see cref="CanWatch"/> says who may join it.</summary>
public static class LiveTopics
{
    /// <summary>Network-wide events for NOC staff and admins.</summary>
    public const string Noc = "noc";

    /// <summary>Every event, for the per-instance feed only.</summary>
    public const string All = "*";

    public static string Tenant(int tenantId) => $"tenant:{tenantId}";

    public static bool CanWatch(System.Security.Claims.ClaimsPrincipal user, string topic)
    {
        if (topic == All) return false; // only the instance feed, which joins through its own path
        if (Identity.TenantAccess.IsStaff(user)) return true;
        return Identity.TenantAccess.TenantOf(user) is { } t && topic == Tenant(t);
    }
}
