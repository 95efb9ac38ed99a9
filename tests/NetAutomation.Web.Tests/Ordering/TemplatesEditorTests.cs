using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Ordering;
using NetAutomation.Core.Provisioning;
using NetAutomation.Testing;
using NetAutomation.Web.Features.Ordering;
using NetAutomation.Web.Setup;

namespace NetAutomation.Web.Tests.Ordering;

/// <summary>The template editor against the real handlers on SQLite: Fluid's error under the body and nothing saved; the preview's empty state.</summary>
public sealed class TemplatesEditorTests : BunitContext
{
    private readonly string _folder = Directory.CreateTempSubdirectory("natest-templates-").FullName;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public TemplatesEditorTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var connection = $"Data Source={Path.Combine(_folder, "templates.db")}";
        Services.AddDbContextFactory<PortalDbContext>(o => DatabaseOptions.Configure(o, DatabaseProvider.Sqlite, connection));
        Services.AddSingleton(TimeProvider.System);
        Services.AddScoped<ListTemplates.Handler>();
        Services.AddScoped<SaveTemplate.Handler>();
        Services.AddScoped<PreviewTemplate.Handler>();
        AddAuthorization().SetAuthorized("admin@netautomation.example").SetRoles(Roles.Admin);
    }

    private async Task<IRenderedComponent<TemplatesEditor>> RenderAsync()
    {
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Database.MigrateAsync(Ct);
            await ServiceCatalog.SeedAsync(db, DateTime.UtcNow, Ct);
            await TemplateStore.SeedAsync(db, PortalProcess.RepositoryPath("database", "seed", "templates"), DateTime.UtcNow, Ct);
        }
        Render<MudBlazor.MudPopoverProvider>();
        var cut = Render<TemplatesEditor>();
        cut.WaitForElement("[data-testid=templates-table]");
        return cut;
    }

    [Fact]
    public async Task UnknownVariable_ShowsFluidsMessageUnderTheBody_AndSavesNothing()
    {
        var cut = await RenderAsync();
        Assert.NotNull(cut.Find("[data-testid=template-none-selected]"));
        Assert.Contains("Missing", cut.Find("[data-testid=template-row-PointToPoint-frr-Apply]").TextContent);

        cut.Find("button[data-testid=template-edit-PointToPoint-ios-Apply]").Click();
        cut.WaitForElement("textarea");
        cut.Find("textarea").Input("interface {{ prot }}");
        cut.Find("button[data-testid=template-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("For a device in the role edge: Template PointToPoint/Apply:", cut.Markup));
        Assert.Contains("prot", cut.Find(".mud-input-helper-text.mud-input-error, .mud-input-error").TextContent);
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.ConfigTemplates.SingleAsync(t => t.Kind == ServiceKind.PointToPoint && t.Platform == "ios" && t.Variant == TemplateVariant.Apply, Ct);
        Assert.Equal("seed", stored.UpdatedBy);
    }

    [Fact]
    public async Task Preview_WithNoConnectedCustomerSite_SaysWhatIsMissing()
    {
        var cut = await RenderAsync();
        cut.Find("button[data-testid=template-edit-InternetAccess-ios-Apply]").Click();
        cut.WaitForElement("button[data-testid=template-preview]").Click();
        cut.WaitForAssertion(() => Assert.Contains("No customer site is connected to an edge router yet", cut.Find("[data-testid=preview-problem]").TextContent));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
