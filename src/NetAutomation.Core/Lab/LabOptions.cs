namespace NetAutomation.Core.Lab;

/// <summary>The <c>Lab</c> section: demo data for the embedded default and for tests.</summary>
public sealed class LabOptions
{
    public const string Section = "Lab";

    /// <summary>Seed the demo tenants and users on start-up. Never outside Development.</summary>
    public bool SeedDemoUsers { get; set; }

    /// <summary>The demo users' password (one for all of them, so the README can show it).</summary>
    public string? DemoPassword { get; set; }

    /// <summary>Email of a demo user -> an API token seeded for that user (stored hashed).</summary>
    public Dictionary<string, string> DemoApiTokens { get; set; } = [];
}
