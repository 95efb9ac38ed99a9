using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Ordering;
using NetAutomation.Web.Features.Ordering;
using NetAutomation.Web.Live;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Ordering;

/// <summary>The NOC's approvals queue: the page on a real (empty) SQLite database, and one waiting change as the queue shows it.</summary>
public sealed class ApprovalsPageTests : SqliteComponentTest
{
    public ApprovalsPageTests()
    {
        Services.AddScoped<ListApprovals.Handler>();
        // The instance feed is only subscribed to here; it never connects (no server runs in a component test).
        Services.AddSingleton(new InstanceFeed(null!, null!, new InstanceKey(), NullLogger<InstanceFeed>.Instance));
        AddAuthorization().SetAuthorized("noc@netautomation.example").SetRoles(Roles.Noc);
    }

    [Fact]
    public async Task EmptyQueue_SaysNothingWaits()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken))
            await db.Database.MigrateAsync(Xunit.TestContext.Current.CancellationToken);

        var cut = Render<Approvals>();

        cut.WaitForAssertion(() => Assert.Equal("Nothing waits for approval.", cut.Find("[data-testid=approvals-empty]").TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=approval]"));
    }

    [Fact]
    public void WaitingChange_ShowsWhoWhyTheColouredDryRunAndTheServicesItTouches()
    {
        var row = new ListApprovals.Row(42, "Acme Corporation", ServiceKind.InternetAccess, "HQ uplink", "customer@acme.example", 100, 3,
            new DateTime(2026, 12, 4, 22, 0, 0, DateTimeKind.Utc),
            "Waiting for NOC approval: the change touches 2 device(s) carrying 1 other active service(s); its blast radius of 3 is above the threshold of 2.",
            [new("edge1", "edge", "+interface Gi0/2.120\n+ description HQ uplink\n-no ip route 0.0.0.0\n"), new("core1", "upstream", null)],
            [new(7, "Globex", ServiceKind.PointToPoint, "Paris-Berlin", ["edge1"])]);
        var approved = 0;

        var cut = Render<ApprovalCard>(p => p.Add(c => c.Row, row).Add(c => c.OnApprove, () => approved++));

        Assert.Equal("Acme Corporation", cut.Find("[data-testid=approval-tenant]").TextContent);
        Assert.Contains("customer@acme.example", cut.Markup);
        Assert.Contains("Blast radius 3", cut.Find("[data-testid=approval-blast-radius]").TextContent);
        Assert.Contains("above the threshold of 2", cut.Find("[data-testid=approval-why]").TextContent);
        var diff = cut.Find("[data-testid=diff]");
        Assert.Equal(["+interface Gi0/2.120", "+ description HQ uplink"], diff.QuerySelectorAll(".na-diff-add").Select(e => e.TextContent));
        Assert.Equal(["-no ip route 0.0.0.0"], diff.QuerySelectorAll(".na-diff-del").Select(e => e.TextContent));
        Assert.Contains("No dry-run diff recorded for this device.", cut.Markup);
        var affected = cut.Find("[data-testid=approval-affected]").TextContent;
        Assert.Contains("Globex", affected);
        Assert.Contains("Paris-Berlin", affected);

        cut.Find("button[data-testid=approve]").Click();
        Assert.Equal(1, approved);
    }
}
