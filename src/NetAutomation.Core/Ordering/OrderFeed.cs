using NetAutomation.Core.Live;

namespace NetAutomation.Core.Ordering;

/// <summary>Tells everyone watching an order what just happened to it: the customer's tenant and the NOC.</summary>
public static class OrderFeed
{
    public const string Kind = "order.progress";

    public static async Task PublishAsync(ILiveFeed feed, ServiceOrder order, string message, DateTimeOffset at)
    {
        foreach (var topic in new[] { LiveTopics.Tenant(order.TenantId), LiveTopics.Noc })
            await feed.PublishAsync(new LiveEvent(topic, Kind, $"order/{order.Id}", message, at));
    }
}
