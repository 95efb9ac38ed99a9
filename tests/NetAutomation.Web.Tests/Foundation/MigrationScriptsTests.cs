using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NetAutomation.Core.Data;
using NetAutomation.Testing;
using NetAutomation.Web.Setup;

namespace NetAutomation.Web.Tests.Foundation;

/// <summary>
/// SQL Server cannot run here, so its migrations are checked as text: the idempotent scripts in database/ must be
/// what the migrations produce now, and no provider may have model changes without a migration.
/// </summary>
public class MigrationScriptsTests
{
    private static PortalDbContext Context(DatabaseProvider provider)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        var connection = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=:memory:",
            DatabaseProvider.SqlServer => "Server=localhost;Database=netautomation;Trusted_Connection=True;TrustServerCertificate=True",
            _ => "Host=localhost;Database=netautomation",
        };
        DatabaseOptions.Configure(builder, provider, connection);
        return new PortalDbContext(builder.Options);
    }

    private static string Normalize(string sql) => sql.Replace("\r\n", "\n").TrimStart('\uFEFF').Trim();

    [Theory]
    [InlineData(DatabaseProvider.SqlServer, "sqlserver.sql")]
    [InlineData(DatabaseProvider.PostgreSql, "postgresql.sql")]
    public void IdempotentScript_InDatabaseFolder_MatchesTheMigrations(DatabaseProvider provider, string file)
    {
        using var db = Context(provider);
        var expected = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        var actual = File.ReadAllText(PortalProcess.RepositoryPath("database", file));
        Assert.True(Normalize(expected) == Normalize(actual),
            $"database/{file} is stale: run database/migrations.sh scripts and commit the result.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void Model_HasNoChangesWithoutAMigration(DatabaseProvider provider)
    {
        using var db = Context(provider);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changed since the last {provider} migration: run database/migrations.sh add <Name>.");
    }

    [Fact]
    public void EveryProvider_HasTheSameMigrations()
    {
        static IEnumerable<string> Names(DatabaseProvider p)
        {
            using var db = Context(p);
            // Ids start with a timestamp that differs per provider; the name after it must match.
            return db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]).ToList();
        }
        var sqlite = Names(DatabaseProvider.Sqlite);
        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, Names(DatabaseProvider.SqlServer));
        Assert.Equal(sqlite, Names(DatabaseProvider.PostgreSql));
    }
}
