using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace NetAutomation.Devices.Ssh;

/// <summary>
/// Opens CLI sessions over SSH (SSH.NET, async connect). Retries refused, dropped and timed-out connections
/// with exponential backoff and jitter, because a busy sshd drops logins at start-up (MaxStartups); never
/// retries a wrong password, an unknown host name or a changed host key.
/// </summary>
public sealed class SshConnector(DeviceOptions options, IDeviceEvents events) : IDeviceConnector
{
    /// <summary>A connector with default options that reports host keys nowhere.</summary>
    public SshConnector() : this(new DeviceOptions(), NoDeviceEvents.Instance) { }

    /// <inheritdoc />
    public async Task<IDeviceSession> OpenAsync(DeviceTarget target, CliDialect dialect, CancellationToken cancellationToken = default)
    {
        target.Validate();
        // A misspelt algorithm is a setting error, not an unreachable device: say so before dialling.
        if (options.KeyExchangeAlgorithms is { Count: > 0 } kex)
            OfferOnly(new PasswordConnectionInfo(target.Host, target.Port, target.Credentials.Username, "").KeyExchangeAlgorithms, kex, "key exchange");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await OpenOnceAsync(target, dialect, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e) && attempt < options.ConnectAttempts && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
            }
            catch (Exception e) when (e is not DeviceException and not OperationCanceledException)
            {
                throw Translate(target, e, attempt);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var exp = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exp, options.RetryMaxDelay.TotalMilliseconds);
        // Full jitter keeps many clients that failed together from retrying together.
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }

    private static bool IsTransient(Exception e) => e switch
    {
        SocketException s => s.SocketErrorCode is not (SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain),
        SshAuthenticationException => false,
        SshConnectionException => true,
        SshOperationTimeoutException => true,
        ProxyException => true,
        DeviceConnectionLostException => true,
        TimeoutException => true,
        _ => false,
    };

    private static DeviceException Translate(DeviceTarget t, Exception e, int attempts) => e switch
    {
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } =>
            new DeviceUnreachableException(t.Name, $"{t.Name}: unknown host '{t.Host}' (the name does not resolve)", e),
        SocketException s =>
            new DeviceUnreachableException(t.Name, $"{t.Name}: cannot reach {t.Host}:{t.Port} ({s.SocketErrorCode}) after {attempts} attempt(s)", e),
        SshAuthenticationException =>
            new DeviceAuthenticationException(t.Name, $"{t.Name}: {t.Host} refused the login for user '{t.Credentials.Username}' (wrong username or password)", e),
        SshOperationTimeoutException or TimeoutException =>
            new DeviceUnreachableException(t.Name, $"{t.Name}: cannot reach {t.Host}:{t.Port} (no SSH answer in time) after {attempts} attempt(s)", e),
        _ => new DeviceUnreachableException(t.Name, $"{t.Name}: SSH to {t.Host}:{t.Port} failed after {attempts} attempt(s): {e.Message}", e),
    };

    /// <summary>Keeps only the <paramref name="wanted"/> algorithms, in that order of preference.</summary>
    private static void OfferOnly<T>(IDictionary<string, T> algorithms, IList<string> wanted, string what)
    {
        var unknown = wanted.Where(w => !algorithms.ContainsKey(w)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unknown SSH {what} algorithm(s) {string.Join(", ", unknown)}; known: {string.Join(", ", algorithms.Keys)}.");
        var kept = wanted.Distinct().Select(w => (w, algorithms[w])).ToList();
        algorithms.Clear();
        foreach (var (name, factory) in kept) algorithms.Add(name, factory);
    }

    private async Task<IDeviceSession> OpenOnceAsync(DeviceTarget target, CliDialect dialect, CancellationToken ct)
    {
        var info = new PasswordConnectionInfo(target.Host, target.Port, target.Credentials.Username, target.Credentials.Password)
        {
            Timeout = options.ConnectTimeout,
        };
        if (options.KeyExchangeAlgorithms is { Count: > 0 } kex) OfferOnly(info.KeyExchangeAlgorithms, kex, "key exchange");
        var client = new SshClient(info);
        string? presented = null;
        var refused = false;
        client.HostKeyReceived += (_, e) =>
        {
            presented = HostKeyPolicy.Normalize(e.FingerPrintSHA256);
            // Pinning is decided here, before authentication: a changed key never gets the password.
            var pinned = target.PinnedHostKey is null ? null : HostKeyPolicy.Normalize(target.PinnedHostKey);
            refused = pinned is not null && pinned != presented;
            e.CanTrust = !refused;
        };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectTimeout.CancelAfter(options.ConnectTimeout + options.ConnectTimeout);
            try
            {
                await client.ConnectAsync(connectTimeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new SshOperationTimeoutException("SSH connect timed out");
            }
            catch (Exception) when (refused)
            {
                await HostKeyPolicy.CheckAsync(target, presented!, events);
                throw new HostKeyMismatchException(target.Name, HostKeyPolicy.Normalize(target.PinnedHostKey!), presented!);
            }
            if (presented is null) throw new SshConnectionException("the server presented no host key");
            await HostKeyPolicy.CheckAsync(target, presented, events);

            var shell = client.CreateShellStream("vt100", 511, 200, 0, 0, 1 << 16);
            var session = new SshCliSession(target.Name, client, shell, dialect, presented);
            await session.WaitForFirstPromptAsync(options.ConnectTimeout + options.CommandTimeout, ct);
            return session;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}
