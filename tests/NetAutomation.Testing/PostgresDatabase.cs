using Npgsql;

namespace NetAutomation.Testing;

/// <summary>A database of its own on the test PostgreSQL server, dropped at the end.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _name;
    public string ConnectionString { get; }

    private PostgresDatabase(string name, string connectionString) { _name = name; ConnectionString = connectionString; }

    /// <param name="maxPoolSize">Connections this database's pool may open; the server allows 300 in all.</param>
    public static async Task<PostgresDatabase> CreateAsync(int maxPoolSize = 40)
    {
        var name = $"natest_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(TestServers.Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new PostgresDatabase(name, new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = name, MaxPoolSize = maxPoolSize }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServers.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
