namespace NetAutomation.Core.Jobs;

/// <summary>Hangfire queues, most urgent first: a server takes work from the first queue that has some.</summary>
public static class JobQueues
{
    public const string Recovery = "recovery";
    public const string Provisioning = "provisioning";
    public const string Ztp = "ztp";
    public const string Default = "default";

    public static readonly string[] All = [Recovery, Provisioning, Ztp, Default];
}
