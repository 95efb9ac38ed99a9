using System.Diagnostics;
using System.Net.Sockets;

namespace NetAutomation.DeviceLab.Tier2;

/// <summary>
/// One real OpenSSH server inside a lab namespace, logging in one dedicated local user by password and
/// running <c>ForceCommand</c> for every session, with its own host key. The first server of a lab listens on
/// every address there and owns the user; <see cref="StartSiblingAsync"/> starts more servers for the same user
/// (another host key, one listen address). Each removes its process and files on dispose; the owner also
/// deletes the user.
/// </summary>
public sealed class LabSshd : IDisposable
{
    private Process? _process;
    private readonly bool _ownsUser;

    private LabSshd(string directory, string user, string password, string forceCommand, bool ownsUser)
    {
        Directory = directory;
        User = user;
        Password = password;
        ForceCommand = forceCommand;
        _ownsUser = ownsUser;
    }

    /// <summary>The working directory (config, host key, log, wrapper).</summary>
    public string Directory { get; }

    /// <summary>The lab user.</summary>
    public string User { get; }

    /// <summary>The lab user's password.</summary>
    public string Password { get; }

    /// <summary>The program sshd runs for every session.</summary>
    public string ForceCommand { get; }

    /// <summary>The server's host key fingerprint, <c>SHA256:base64</c>.</summary>
    public string HostKey { get; private set; } = "";

    /// <summary>The sshd PID.</summary>
    public int Pid => _process?.Id ?? 0;

    /// <summary>Creates the user and host key and starts sshd in <paramref name="ns"/> on every address, with <paramref name="forceCommand"/>.</summary>
    public static async Task<LabSshd> StartAsync(LabNamespace ns, string directory, string userName, string forceCommand,
        string? probeAddress = null, string[]? groups = null, CancellationToken ct = default)
    {
        var sshd = new LabSshd(directory, userName, "Lab-" + LabHost.RandomSuffix() + LabHost.RandomSuffix(), forceCommand, ownsUser: true);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            LabHost.Run("/usr/sbin/useradd", ["-M", "-N", "-d", directory, "-s", "/bin/sh", .. groups is { Length: > 0 } ? new[] { "-G", string.Join(',', groups) } : [], userName]);
            // SHA-512 with its standard 5000 rounds, not Debian's default yescrypt: sshd verifies the hash on every
            // login, and yescrypt's deliberate cost (about 27 ms of CPU here) is a hardened Linux account's, not a
            // network device's; at 200 logins it was a fixed cost every client in a benchmark paid alike.
            LabHost.Run("/usr/sbin/chpasswd", ["-c", "SHA512", "-s", "5000"], stdin: $"{userName}:{sshd.Password}\n");
            await sshd.LaunchAsync(ns.Name, "0.0.0.0", probeAddress ?? ns.InnerAddress, ct);
            return sshd;
        }
        catch
        {
            sshd.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts another sshd for the same user and ForceCommand, with a new host key, in namespace
    /// <paramref name="namespaceName"/>, listening on <paramref name="listenAddress"/> only.
    /// </summary>
    public async Task<LabSshd> StartSiblingAsync(string namespaceName, string directory, string listenAddress, CancellationToken ct = default)
    {
        var sibling = new LabSshd(directory, User, Password, ForceCommand, ownsUser: false);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            await sibling.LaunchAsync(namespaceName, listenAddress, listenAddress, ct);
            return sibling;
        }
        catch
        {
            sibling.Dispose();
            throw;
        }
    }

    private async Task LaunchAsync(string namespaceName, string listenAddress, string probeAddress, CancellationToken ct)
    {
        var key = Path.Combine(Directory, "ssh_host_ed25519_key");
        LabHost.Run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", User, "-f", key]);
        var fp = LabHost.Run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", key + ".pub"]).Split(' ')[1];
        HostKey = NetAutomation.Devices.HostKeyPolicy.Normalize(fp);
        System.IO.Directory.CreateDirectory("/run/sshd"); // privilege separation directory sshd insists on
        var config = Path.Combine(Directory, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port 22
            ListenAddress {listenAddress}
            HostKey {key}
            PidFile {Path.Combine(Directory, "sshd.pid")}
            UsePAM no
            PasswordAuthentication yes
            KbdInteractiveAuthentication no
            PubkeyAuthentication no
            PermitRootLogin no
            AllowUsers {User}
            AuthorizedKeysFile none
            ForceCommand {ForceCommand}
            MaxStartups 1000:30:2000
            MaxSessions 10
            LoginGraceTime 60
            UseDNS no
            PrintMotd no
            PrintLastLog no
            StrictModes no
            X11Forwarding no
            AllowTcpForwarding no
            LogLevel ERROR

            """, ct);
        var psi = new ProcessStartInfo("/usr/sbin/ip") { UseShellExecute = false };
        // -r: no re-exec of sshd for each connection (about 10 ms of CPU per login here). The re-exec re-randomises
        // each session's memory layout, a hardening a lab on loopback inside its own namespace does not need.
        foreach (var a in new[] { "netns", "exec", namespaceName, "/usr/sbin/sshd", "-D", "-r", "-f", config, "-E", Path.Combine(Directory, "sshd.log") })
            psi.ArgumentList.Add(a);
        // ip netns exec execs sshd in place, so this PID is sshd's.
        _process = Process.Start(psi);
        await WaitForPortAsync(probeAddress, 22, ct);
    }

    private async Task WaitForPortAsync(string address, int port, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"sshd exited at start-up: {await File.ReadAllTextAsync(Path.Combine(Directory, "sshd.log"), ct)}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(address, port, ct);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, ct);
            }
        }
    }

    /// <summary>Stops sshd (and its sessions) by PID, deletes the directory, and the user if this server created it.</summary>
    public void Dispose()
    {
        LabHost.Stop(_process);
        _process = null;
        if (_ownsUser) LabHost.TryRun("/usr/sbin/userdel", User);
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
