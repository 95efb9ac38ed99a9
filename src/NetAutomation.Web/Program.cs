using Hangfire;
using MudBlazor.Services;
using NetAutomation.Web.Components;
using NetAutomation.Web.Features.Identity;
using NetAutomation.Web.Features.Inventory;
using NetAutomation.Web.Features.Ordering;
using NetAutomation.Web.Hubs;
using NetAutomation.Web.Live;
using NetAutomation.Web.Setup;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalDatabase()
    .AddPortalIdentity()
    .AddJobs()
    .AddLiveFeed()
    .AddInventory()
    .AddOrdering();

// A circuit message carries a whole form value; an admin's template (up to 20 000 characters) must fit in one.
builder.Services.AddRazorComponents().AddInteractiveServerComponents().AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024);
builder.Services.AddMudServices();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseNoStatusPagesForMachines();

app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealth();
app.MapAccountEndpoints();
app.MapInventory();
app.MapOrdersApi();
app.MapHub<LiveHub>(LiveHub.Path);
app.MapHangfireDashboardWithAuthorizationPolicy(JobsSetup.DashboardPolicy, "/hangfire", new DashboardOptions
{
    DashboardTitle = "NetAutomation jobs",
    AppPath = "/",
});
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.MigratePortalDatabaseAsync();
await app.SeedIdentityAsync();
await app.RunAsync();

/// <summary>The web app's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
