using System.Collections.Concurrent;
using System.Diagnostics;

namespace NetAutomation.Devices;

/// <summary>One device's outcome of a change pushed by <see cref="DeviceFanOut"/> (nornir-style: every device gets a row).</summary>
/// <param name="Device">The device name.</param>
/// <param name="Changed">True when the running configuration changed.</param>
/// <param name="Diff">The running configuration diff (empty when unchanged or failed).</param>
/// <param name="Failed">True when the change did not go through.</param>
/// <param name="Error">What went wrong, in words, or null.</param>
/// <param name="DeviceMessage">The device's own error text (<c>% Invalid input ...</c>), when it refused a line.</param>
/// <param name="FailedLine">The 1-based candidate line the device refused, when known.</param>
/// <param name="RolledBack">True when a failed change was undone and verified.</param>
/// <param name="Elapsed">Wall time spent on this device, connection included.</param>
public sealed record DeviceChangeResult(
    string Device, bool Changed, string Diff, bool Failed, string? Error, string? DeviceMessage, int? FailedLine,
    bool RolledBack, TimeSpan Elapsed);

/// <summary>One device's outcome of <see cref="DeviceFanOut.RunAsync{T}"/>.</summary>
public sealed record DeviceTaskResult<T>(string Device, T? Value, bool Failed, string? Error, TimeSpan Elapsed);

/// <summary>
/// Runs work on many devices with bounded parallelism and returns one result per device, in input order;
/// one device's failure never stops the others.
/// </summary>
public sealed class DeviceFanOut(DeviceDriverFactory drivers, int maxParallelism = 50)
{
    /// <summary>Pushes each device its configuration as one merge commit (saved to startup).</summary>
    public Task<IReadOnlyList<DeviceChangeResult>> PushAsync(
        IEnumerable<(DeviceTarget Target, string Configuration)> changes, CancellationToken cancellationToken = default) =>
        ForEachAsync(changes.ToList(), async (item, ct) =>
        {
            var sw = Stopwatch.StartNew();
            try
            {
                await using var driver = drivers.Create(item.Target);
                driver.LoadMergeCandidate(item.Configuration);
                var result = await driver.CommitAsync(null, ct);
                return new DeviceChangeResult(item.Target.Name, result.Changed, result.Diff, false, null, null, null, false, sw.Elapsed);
            }
            catch (CommitFailedException e)
            {
                var refused = e.Cause as DeviceCommandException;
                return new DeviceChangeResult(item.Target.Name, false, "", true, e.Message, refused?.DeviceMessage, refused?.LineNumber, e.RolledBack, sw.Elapsed);
            }
            catch (Exception e) when (e is DeviceException or ArgumentException)
            {
                var refused = e as DeviceCommandException;
                return new DeviceChangeResult(item.Target.Name, false, "", true, e.Message, refused?.DeviceMessage, refused?.LineNumber, false, sw.Elapsed);
            }
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> with a driver for every target.</summary>
    public Task<IReadOnlyList<DeviceTaskResult<T>>> RunAsync<T>(
        IEnumerable<DeviceTarget> targets, Func<IDeviceDriver, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        ForEachAsync(targets.ToList(), async (target, ct) =>
        {
            var sw = Stopwatch.StartNew();
            try
            {
                await using var driver = drivers.Create(target);
                var value = await work(driver, ct);
                return new DeviceTaskResult<T>(target.Name, value, false, null, sw.Elapsed);
            }
            catch (Exception e) when (e is DeviceException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                return new DeviceTaskResult<T>(target.Name, default, true, e.Message, sw.Elapsed);
            }
        }, cancellationToken);

    private async Task<IReadOnlyList<TResult>> ForEachAsync<TItem, TResult>(
        List<TItem> items, Func<TItem, CancellationToken, Task<TResult>> body, CancellationToken ct)
    {
        if (maxParallelism < 1) throw new ArgumentOutOfRangeException(nameof(maxParallelism), "Parallelism must be at least 1.");
        var results = new ConcurrentDictionary<int, TResult>();
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = ct },
            async (i, token) => results[i] = await body(items[i], token));
        return [.. Enumerable.Range(0, items.Count).Select(i => results[i])];
    }
}
