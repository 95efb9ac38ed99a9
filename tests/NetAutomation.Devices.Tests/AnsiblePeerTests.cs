using System.Diagnostics;
using System.Text.Json;

namespace NetAutomation.Devices.Tests;

/// <summary>
/// Ansible's cisco.ios collection (network_cli over paramiko) configures tier-2 simulated devices with
/// ios_config, and a second run changes nothing: the simulator behaves like the devices real tools expect.
/// </summary>
public class AnsiblePeerTests(Tier2Fixture fixture)
{
    [Fact]
    public async Task IosConfig_PushesThenReportsNoChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var lab = await fixture.LabAsync();
        var devices = await fixture.TakeAsync(3);
        var work = Path.Combine(lab.Directory, "ansible-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(work);
        var inventory = Path.Combine(work, "hosts.ini");
        await File.WriteAllTextAsync(inventory,
            "[routers]\n" + string.Concat(devices.Select(d => $"{d.Name} ansible_host={d.Address}\n")) +
            "[routers:vars]\nansible_connection=ansible.netcommon.network_cli\nansible_network_os=cisco.ios.ios\n" +
            $"ansible_user={lab.Credentials.Username}\nansible_password={lab.Credentials.Password}\n" +
            "ansible_network_cli_ssh_type=paramiko\n", ct);
        var playbook = Path.Combine(AppContext.BaseDirectory, "lab", "ansible", "ios-push.yml");

        var first = await RunPlaybookAsync(work, inventory, playbook, ct);
        var second = await RunPlaybookAsync(work, inventory, playbook, ct);

        foreach (var d in devices)
        {
            Assert.Equal(0, first.GetProperty(d.Name).GetProperty("failures").GetInt32());
            Assert.Equal(0, first.GetProperty(d.Name).GetProperty("unreachable").GetInt32());
            Assert.Equal(2, first.GetProperty(d.Name).GetProperty("changed").GetInt32());
            Assert.Equal(0, second.GetProperty(d.Name).GetProperty("failures").GetInt32());
            Assert.Equal(0, second.GetProperty(d.Name).GetProperty("changed").GetInt32());
            var running = d.RunningConfig;
            Assert.Contains("interface Loopback77\n description peer-check by ansible\n ip address 192.0.2.77 255.255.255.255\n", running);
            Assert.Contains("\nno ip domain lookup\n", running);
            Assert.Contains("\nip route 203.0.113.0 255.255.255.0 192.0.2.1\n", running);
            Assert.Contains("\nlogging buffered 32768\n", running);
        }
    }

    private static async Task<JsonElement> RunPlaybookAsync(string work, string inventory, string playbook, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("/usr/bin/ansible-playbook")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = work,
        };
        foreach (var a in new[] { "-i", inventory, "-f", "10", playbook }) psi.ArgumentList.Add(a);
        psi.Environment["ANSIBLE_STDOUT_CALLBACK"] = "json";
        psi.Environment["ANSIBLE_HOST_KEY_CHECKING"] = "False";
        psi.Environment["ANSIBLE_HOME"] = Path.Combine(work, "home");
        psi.Environment["ANSIBLE_LOCAL_TEMP"] = Path.Combine(work, "tmp");
        psi.Environment["ANSIBLE_PERSISTENT_CONTROL_PATH_DIR"] = Path.Combine(work, "pc");
        psi.Environment["ANSIBLE_NOCOLOR"] = "1";
        psi.Environment["ANSIBLE_RETRY_FILES_ENABLED"] = "False";
        psi.Environment["ANSIBLE_PERSISTENT_COMMAND_TIMEOUT"] = "60";
        psi.Environment["ANSIBLE_LOG_PATH"] = Path.Combine(work, "ansible.log");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try
        {
            await p.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(3), ct);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
        var output = await stdout;
        Assert.True(p.ExitCode == 0, $"ansible-playbook failed ({p.ExitCode}):\n{output}\n{await stderr}");
        return JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement.GetProperty("stats");
    }
}
