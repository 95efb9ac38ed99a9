using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using NetAutomation.Testing;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Ordering;

/// <summary>
/// The approval gate, cancel and the change records through the REST API, on the shared portal (tier-1 lab). Each test
/// lowers <c>Provisioning:ApprovalThreshold</c> to 0 on the running portal (the orchestrator reads the same options
/// object), so every change it places waits for the NOC; the collection runs its tests one at a time, and the
/// threshold is put back after each.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class ApprovalsApiTests(PortalApp app) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly IDisposable _everyChangeWaits = app.ApprovalThreshold(0);

    public void Dispose() => _everyChangeWaits.Dispose();

    /// <summary>Acme orders a London-Amsterdam line and the order stops at the gate, its dry run done.</summary>
    private async Task<int> WaitingOrderAsync(HttpClient acme, string reference)
    {
        var response = await acme.PostAsJsonAsync("/api/v1/orders", new
        {
            kind = "PointToPoint", siteAId = await app.SiteIdAsync("Acme HQ London", Ct), siteBId = await app.SiteIdAsync("Acme Amsterdam Office", Ct),
            bandwidthMbps = 10, reference,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        var order = await acme.OrderInStateAsync(id, "AwaitingApproval", "Failed", "Active");
        Assert.Equal("AwaitingApproval", order.GetProperty("state").GetString());
        return id;
    }

    private async Task<IReadOnlyList<AllocationState>> HoldsAsync(int orderId)
    {
        await using var db = await app.Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var ids = await db.Set<OrderResource>().Where(r => r.OrderId == orderId).Select(r => r.AllocationId).ToListAsync(Ct);
        return await db.Allocations.Where(a => ids.Contains(a.Id)).Select(a => a.State).ToListAsync(Ct);
    }

    private static async Task<string?> StateAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Ct)).GetProperty("state").GetString();

    [Fact]
    public async Task Approve_ByNoc_TheOrderReachesActive_AndItsChangeRecordsAreVisible_DiffOnlyToTheCustomer()
    {
        using var acme = app.NewClient(OrderingApi.AcmeToken);
        using var noc = app.NewClient(OrderingApi.NocToken);
        var id = await WaitingOrderAsync(acme, "Approved uplink");

        // The queue shows it with its dry run, and nothing has touched a device yet.
        using (var scope = app.Services.CreateScope())
        {
            var queue = await scope.ServiceProvider.GetRequiredService<ListApprovals.Handler>().HandleAsync(Ct);
            var row = Assert.Single(queue, r => r.Id == id);
            Assert.Equal("Acme Corporation", row.Tenant);
            Assert.True(row.BlastRadius > 0);
            Assert.Contains("Waiting for NOC approval", row.Why);
            Assert.NotEmpty(row.Devices);
            Assert.All(row.Devices, d => Assert.Contains("+", d.Diff));
        }
        Assert.Empty(await acme.GetFromJsonAsync<JsonElement[]>($"/api/v1/orders/{id}/changes", Ct) ?? []);
        Assert.All(await HoldsAsync(id), s => Assert.Equal(AllocationState.Held, s));

        var approved = await noc.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { reason = "Inside the Friday change window" }, Ct);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var order = await acme.OrderInStateAsync(id, "Active", "Failed");
        Assert.True(order.GetProperty("state").GetString() == "Active", order.ToString());
        Assert.Contains(order.GetProperty("timeline").EnumerateArray(),
            e => e.GetProperty("message").GetString()!.Contains("Approved by noc@netautomation.example: Inside the Friday change window"));

        var customerView = await acme.GetFromJsonAsync<JsonElement[]>($"/api/v1/orders/{id}/changes", Ct);
        Assert.NotEmpty(customerView!);
        Assert.All(customerView!, c =>
        {
            Assert.Equal("Applied", c.GetProperty("outcome").GetString());
            Assert.Contains("+", c.GetProperty("diff").GetString());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("before").ValueKind); // the whole device's configuration is not theirs to read
        });
        var nocView = await noc.GetFromJsonAsync<JsonElement[]>($"/api/v1/orders/{id}/changes", Ct);
        Assert.Equal(customerView!.Length, nocView!.Length);
        Assert.All(nocView, c => Assert.Equal(JsonValueKind.String, c.GetProperty("after").ValueKind));

        using var globex = await app.SignInAsync("customer@globex.example");
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/api/v1/orders/{id}/changes", Ct)).StatusCode);

        // Leave the lab as found: the service comes off the routers again.
        Assert.Equal(HttpStatusCode.Accepted, (await acme.DeleteAsync($"/api/v1/services/{id}", Ct)).StatusCode);
        await acme.OrderInStateAsync(id, "Decommissioned");
    }

    [Fact]
    public async Task Reject_NeedsAClean1LineReason_FromNocOnly_ThenTheOrderIsRejected_AndItsHoldsReleased()
    {
        using var acme = app.NewClient(OrderingApi.AcmeToken);
        using var noc = app.NewClient(OrderingApi.NocToken);
        var id = await WaitingOrderAsync(acme, "Rejected uplink");

        // Customers decide nothing at the gate.
        foreach (var action in new[] { "approve", "reject", "retry" })
            Assert.Equal(HttpStatusCode.Forbidden, (await acme.PostAsJsonAsync($"/api/v1/orders/{id}/{action}", new { reason = "mine" }, Ct)).StatusCode);

        // A reason that could break a line (or is missing) is refused, naming the field, and changes nothing.
        foreach (var body in new object?[] { new { reason = "Not now\ninterface Loopback66" }, new { reason = "Not now\u2028shutdown" }, new { reason = "" }, null })
        {
            var refused = body is null
                ? await noc.PostAsync($"/api/v1/orders/{id}/reject", null, Ct)
                : await noc.PostAsJsonAsync($"/api/v1/orders/{id}/reject", body, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out var messages), problem.ToString());
            Assert.Contains("Reason", messages[0].GetString());
            Assert.Equal("AwaitingApproval", await StateAsync(acme, id));
        }
        Assert.All(await HoldsAsync(id), s => Assert.Equal(AllocationState.Held, s));

        var rejected = await noc.PostAsJsonAsync($"/api/v1/orders/{id}/reject", new { reason = "Outside the change window" }, Ct);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var order = await acme.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}", Ct);
        Assert.Equal("Rejected", order.GetProperty("state").GetString());
        Assert.Equal("Rejected by noc@netautomation.example: Outside the change window", order.GetProperty("failureReason").GetString());
        var holds = await HoldsAsync(id);
        Assert.NotEmpty(holds);
        Assert.All(holds, s => Assert.Equal(AllocationState.Released, s));
        Assert.Empty(await acme.GetFromJsonAsync<JsonElement[]>($"/api/v1/orders/{id}/changes", Ct) ?? []);

        // Decided once: a second decision, a cancel or a retry of a rejected order is a conflict.
        var again = await noc.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { reason = "changed my mind" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("not waiting for approval", await again.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Conflict, (await acme.PostAsync($"/api/v1/orders/{id}/cancel", null, Ct)).StatusCode);
        var retry = await noc.PostAsync($"/api/v1/orders/{id}/retry", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Contains("only a failed order can be retried", await retry.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Cancel_ByTheCustomer_ReleasesTheHolds_GlobexCanNeitherSeeNorCancelIt()
    {
        using var acme = app.NewClient(OrderingApi.AcmeToken);
        var id = await WaitingOrderAsync(acme, "Cancelled uplink");

        using var globex = await app.SignInAsync("customer@globex.example");
        Assert.Equal(HttpStatusCode.NotFound, (await globex.PostAsync($"/api/v1/orders/{id}/cancel", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/api/v1/orders/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await globex.GetAsync($"/api/v1/orders/{id}/changes", Ct)).StatusCode);
        Assert.Equal("AwaitingApproval", await StateAsync(acme, id));

        var cancelled = await acme.PostAsync($"/api/v1/orders/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("Cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        Assert.All(await HoldsAsync(id), s => Assert.Equal(AllocationState.Released, s));

        var twice = await acme.PostAsync($"/api/v1/orders/{id}/cancel", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("only before its push starts", await twice.Content.ReadAsStringAsync(Ct));
    }
}
