using Hangfire;
using Microsoft.Extensions.Logging;
using NetAutomation.Core.Jobs;

namespace NetAutomation.Core.Inventory;

/// <summary>Every minute: holds that were not committed in time go back to their pool.</summary>
public sealed class ReleaseExpiredHoldsJob(Allocator allocator, ILogger<ReleaseExpiredHoldsJob> log)
{
    public const string Id = "inventory-release-expired-holds";

    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // the next minute's run is the retry
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var released = await allocator.ReleaseExpiredAsync(ct);
        if (released > 0) log.LogInformation("Released {Count} expired allocation hold(s).", released);
    }
}
