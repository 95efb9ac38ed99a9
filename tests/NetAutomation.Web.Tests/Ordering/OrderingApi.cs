using System.Net.Http.Json;
using System.Text.Json;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Ordering;

/// <summary>What the ordering tests do over and over against the shared portal: call the API as a demo user, follow an order.</summary>
internal static class OrderingApi
{
    public const string AcmeToken = "nat_demo_acme_customer_token";
    public const string NocToken = "nat_demo_noc_token";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Polls <c>GET /api/v1/orders/{id}</c> until the order is in one of <paramref name="states"/>, and returns it.</summary>
    public static async Task<JsonElement> OrderInStateAsync(this HttpClient client, int id, params string[] states)
    {
        var order = await Eventually.GetAsync<JsonElement?>(async () =>
        {
            var o = await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Ct);
            return states.Contains(o.GetProperty("state").GetString()) ? o : null;
        }, $"order {id} to be {string.Join(" or ", states)}", seconds: 60);
        return order!.Value;
    }
}
