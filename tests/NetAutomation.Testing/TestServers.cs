namespace NetAutomation.Testing;

/// <summary>
/// The real servers that tests/run.sh starts on loopback and announces through environment variables.
/// A test that needs one fails with a clear message when it is missing, rather than passing without it.
/// </summary>
public static class TestServers
{
    public const string PostgresVariable = "NETAUTOMATION_TEST_POSTGRES";
    public const string RedisVariable = "NETAUTOMATION_TEST_REDIS";

    /// <summary>Npgsql connection string of a superuser on the test PostgreSQL server.</summary>
    public static string Postgres => Require(PostgresVariable, "PostgreSQL");

    /// <summary>StackExchange.Redis configuration string of the test Redis server.</summary>
    public static string Redis => Require(RedisVariable, "Redis");

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: run the tests with tests/run.sh, which starts {what} on loopback and sets it.");
}
