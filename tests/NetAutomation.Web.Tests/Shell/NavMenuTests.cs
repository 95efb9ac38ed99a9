using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NetAutomation.Core.Identity;
using NetAutomation.Web.Components.Layout;

namespace NetAutomation.Web.Tests.Shell;

public class NavMenuTests : BunitContext
{
    public NavMenuTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IReadOnlyList<string> LinksFor(params string[] roles)
    {
        AddAuthorization().SetAuthorized("someone@example.com").SetRoles(roles);
        var cut = Render<NavMenu>();
        return cut.FindAll("a").Select(a => a.TextContent.Trim()).ToList();
    }

    [Fact]
    public void Customer_SeesOwnPlaces_AndNoNocOrAdminEntries()
    {
        var links = LinksFor(Roles.Customer);
        Assert.Equal(["Home", "Catalog", "My orders", "My services", "API tokens"], links);
    }

    [Fact]
    public void Admin_SeesInventory_CatalogAndTemplates_Users_AndJobs()
    {
        var links = LinksFor(Roles.Admin);
        Assert.Contains("Inventory", links);
        Assert.Contains("Catalog and templates", links);
        Assert.Contains("Users", links);
        Assert.Contains("Jobs", links);
        Assert.DoesNotContain("My orders", links);
        Assert.DoesNotContain("Incidents", links);
    }

    [Fact]
    public void Noc_SeesDashboardIncidentsApprovalsAndJobs_ButNoAdministration()
    {
        var links = LinksFor(Roles.Noc);
        Assert.Equal(["Home", "Dashboard", "Orders", "Incidents", "Approvals", "Jobs", "API tokens"], links);
    }

    [Fact]
    public void JobsLink_LeavesTheCircuit_ForTheHangfireDashboard()
    {
        AddAuthorization().SetAuthorized("noc").SetRoles(Roles.Noc);
        var cut = Render<NavMenu>();
        var jobs = cut.FindAll("a").Single(a => a.TextContent.Trim() == "Jobs");
        Assert.Equal("/hangfire", jobs.GetAttribute("href"));
    }
}
