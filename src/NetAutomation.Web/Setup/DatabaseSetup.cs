using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Web.Setup;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite it defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded default keeps its files (SQLite databases), relative to the content root.</summary>
    public string DataDirectory { get; set; } = "data";

    public bool MigrateOnStartup { get; set; } = true;

    public string DataPath(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataDirectory));

    /// <summary>The connection string to use, or a message saying what is missing.</summary>
    public string ResolveConnectionString(string contentRoot) => Provider switch
    {
        DatabaseProvider.Sqlite => string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(DataPath(contentRoot), "netautomation.db")}"
            : ConnectionString,
        _ when string.IsNullOrWhiteSpace(ConnectionString) => throw new InvalidOperationException(
            $"Database:Provider is {Provider} but Database:ConnectionString is empty. Set it, e.g. with the environment variable Database__ConnectionString."),
        _ => ConnectionString,
    };

    /// <summary>Points EF Core at the provider and its own migrations assembly (STACK.md trap 2).</summary>
    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        var migrations = $"NetAutomation.Migrations.{provider}";
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(connectionString, o => o.MigrationsAssembly(migrations));
                break;
            case DatabaseProvider.SqlServer:
                builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(migrations).EnableRetryOnFailure());
                break;
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(migrations).EnableRetryOnFailure());
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {provider}.");
        }
    }
}

public static class DatabaseSetup
{
    public static WebApplicationBuilder AddPortalDatabase(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        var provider = section["Provider"];
        if (!string.IsNullOrEmpty(provider) && !Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out _))
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not known. Use one of: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");

        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.ResolveConnectionString(builder.Environment.ContentRootPath);
        if (options.Provider == DatabaseProvider.Sqlite)
            Directory.CreateDirectory(options.DataPath(builder.Environment.ContentRootPath));

        builder.Services.Configure<DatabaseOptions>(section);
        builder.Services.AddDbContextFactory<PortalDbContext>(o => DatabaseOptions.Configure(o, options.Provider, connectionString));
        builder.Services.AddHealthChecks().AddDbContextCheck<PortalDbContext>("database");
        return builder;
    }

    /// <summary>Applies pending migrations unless <c>Database:MigrateOnStartup</c> is false.</summary>
    public static async Task MigratePortalDatabaseAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (!options.MigrateOnStartup) return;
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}
