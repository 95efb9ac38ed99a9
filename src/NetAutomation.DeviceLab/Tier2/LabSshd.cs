using System.Diagnostics;
using System.Net.Sockets;

namespace NetAutomation.DeviceLab.Tier2;

/// <summary>
/// One real OpenSSH server inside a lab namespace, listening on every address there, logging in one
/// dedicated local user by password and running <c>ForceCommand</c> for every session. It owns the user,
/// its host key and its files, and removes them all on dispose.
/// </summary>
public sealed class LabSshd : IDisposable
{
    private Process? _process;

    private LabSshd(string directory, string user, string password)
    {
        Directory = directory;
        User = user;
        Password = password;
    }

    /// <summary>The working directory (config, host key, log, wrapper).</summary>
    public string Directory { get; }

    /// <summary>The lab user.</summary>
    public string User { get; }

    /// <summary>The lab user's password.</summary>
    public string Password { get; }

    /// <summary>The server's host key fingerprint, <c>SHA256:base64</c>.</summary>
    public string HostKey { get; private set; } = "";

    /// <summary>The sshd PID.</summary>
    public int Pid => _process?.Id ?? 0;

    /// <summary>Creates the user and host key and starts sshd in <paramref name="ns"/> with <paramref name="forceCommand"/>.</summary>
    public static async Task<LabSshd> StartAsync(LabNamespace ns, string directory, string userName, string forceCommand,
        string? probeAddress = null, string[]? groups = null, CancellationToken ct = default)
    {
        var sshd = new LabSshd(directory, userName, "Lab-" + LabHost.RandomSuffix() + LabHost.RandomSuffix());
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            LabHost.Run("/usr/sbin/useradd", ["-M", "-N", "-d", directory, "-s", "/bin/sh", .. groups is { Length: > 0 } ? new[] { "-G", string.Join(',', groups) } : [], userName]);
            LabHost.Run("/usr/sbin/chpasswd", [], stdin: $"{userName}:{sshd.Password}\n");
            var key = Path.Combine(directory, "ssh_host_ed25519_key");
            LabHost.Run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", userName, "-f", key]);
            var fp = LabHost.Run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", key + ".pub"]).Split(' ')[1];
            sshd.HostKey = NetAutomation.Devices.HostKeyPolicy.Normalize(fp);
            System.IO.Directory.CreateDirectory("/run/sshd"); // privilege separation directory sshd insists on
            var config = Path.Combine(directory, "sshd_config");
            await File.WriteAllTextAsync(config, $"""
                Port 22
                ListenAddress 0.0.0.0
                HostKey {key}
                PidFile {Path.Combine(directory, "sshd.pid")}
                UsePAM no
                PasswordAuthentication yes
                KbdInteractiveAuthentication no
                PubkeyAuthentication no
                PermitRootLogin no
                AllowUsers {userName}
                AuthorizedKeysFile none
                ForceCommand {forceCommand}
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
            foreach (var a in new[] { "netns", "exec", ns.Name, "/usr/sbin/sshd", "-D", "-f", config, "-E", Path.Combine(directory, "sshd.log") })
                psi.ArgumentList.Add(a);
            // ip netns exec execs sshd in place, so this PID is sshd's.
            sshd._process = Process.Start(psi);
            await WaitForPortAsync(probeAddress ?? ns.InnerAddress, 22, sshd, ct);
            return sshd;
        }
        catch
        {
            sshd.Dispose();
            throw;
        }
    }

    private static async Task WaitForPortAsync(string address, int port, LabSshd sshd, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (sshd._process is { HasExited: true })
                throw new InvalidOperationException($"sshd exited at start-up: {await File.ReadAllTextAsync(Path.Combine(sshd.Directory, "sshd.log"), ct)}");
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

    /// <summary>Stops sshd (and its sessions) by PID, deletes the user and the directory.</summary>
    public void Dispose()
    {
        LabHost.Stop(_process);
        _process = null;
        LabHost.TryRun("/usr/sbin/userdel", User);
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
