namespace NetAutomation.Web.Tests.Foundation;

/// <summary>Polls until a condition holds; for work that finishes on another thread (jobs, SignalR, start-up).</summary>
internal static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(100);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int seconds = 30) =>
        GetAsync<object>(() => Task.FromResult(condition() ? new object() : null), what, seconds);
}
