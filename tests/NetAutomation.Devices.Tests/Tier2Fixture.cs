using NetAutomation.DeviceLab.Tier2;

[assembly: AssemblyFixture(typeof(NetAutomation.Devices.Tests.Tier2Fixture))]

namespace NetAutomation.Devices.Tests;

/// <summary>
/// One tier-2 lab (real sshd in a namespace) shared by the test assembly: 230 devices, of which the
/// 200-device test uses the first 200 and the other tests one or a few each. Started on first use;
/// removed at the end, also when tests fail. Not being root is a failure with a clear message, never a skip.
/// </summary>
public sealed class Tier2Fixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Tier2Lab? _lab;
    private int _next = 200;

    /// <summary>The lab, started on first use.</summary>
    public async Task<Tier2Lab> LabAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _lab ??= await Tier2Lab.StartAsync(230, ct: TestContext.Current.CancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Devices no other test uses.</summary>
    public async Task<IReadOnlyList<DeviceLab.SimulatedDevice>> TakeAsync(int count)
    {
        var lab = await LabAsync();
        var start = Interlocked.Add(ref _next, count) - count;
        if (start + count > lab.Devices.Count) throw new InvalidOperationException("The shared tier-2 lab has no devices left; raise its size.");
        return [.. lab.Devices.Skip(start).Take(count)];
    }

    public async ValueTask DisposeAsync()
    {
        if (_lab is not null) await _lab.DisposeAsync();
        _gate.Dispose();
    }
}
