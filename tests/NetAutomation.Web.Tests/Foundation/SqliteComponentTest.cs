using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NetAutomation.Core.Data;
using NetAutomation.Web.Setup;

namespace NetAutomation.Web.Tests.Foundation;

/// <summary>
/// A component test against the real handlers on a SQLite file of its own: MudBlazor's services, the database context
/// factory, and the folder removed afterwards. Subclasses register the handlers their component injects.
/// </summary>
public abstract class SqliteComponentTest : BunitContext
{
    private readonly string _folder = Directory.CreateTempSubdirectory("natest-component-").FullName;

    protected SqliteComponentTest()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var connection = $"Data Source={Path.Combine(_folder, "portal.db")}";
        Services.AddDbContextFactory<PortalDbContext>(o => DatabaseOptions.Configure(o, DatabaseProvider.Sqlite, connection));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
