using NetAutomation.DeviceLab;

namespace NetAutomation.Devices.Tests;

/// <summary>The simulated IOS CLI prints and refuses things the way IOS does.</summary>
public class SimulatorTests
{
    private readonly SimulatedDevice _device = new("R1", "10.0.0.1");

    private string Run(IosCliSession cli, string line) => cli.Execute(line).Output;

    [Fact]
    public void Abbreviations_AndPrompts_FollowIos()
    {
        var cli = _device.OpenCli();
        Assert.Equal("R1#", cli.Prompt);
        Assert.Contains("Interface                  IP-Address", Run(cli, "sh ip int br"));
        Run(cli, "conf t");
        Assert.Equal("R1(config)#", cli.Prompt);
        Run(cli, "interface gi0/1");
        Assert.Equal("R1(config-if)#", cli.Prompt);
        Run(cli, "router ospf 1");
        Assert.Equal("R1(config-router)#", cli.Prompt);
        Run(cli, "end");
        Assert.Equal("R1#", cli.Prompt);
        Assert.Contains("% Ambiguous command:  \"co\"", Run(cli, "co"));
    }

    [Fact]
    public void Errors_CarryTheCaretUnderTheBadWord()
    {
        var cli = _device.OpenCli();
        Run(cli, "configure terminal");
        Run(cli, "interface Loopback1");
        var output = Run(cli, "ip address 10.0.0.1 255.255.255.0 foo");
        Assert.Equal(new string(' ', "R1(config-if)#".Length + "ip address 10.0.0.1 255.255.255.0 ".Length) + "^\n% Invalid input detected at '^' marker.\n\n", output);
        Assert.Equal("% Incomplete command.\n\n", Run(cli, "ip address"));
        Assert.StartsWith("Bad mask", Run(cli, "ip address 10.0.0.1 255.0.255.0"));
        Assert.Contains("% Invalid input", Run(cli, "switchport mode access"));
    }

    [Fact]
    public void RunningConfig_PrintsNoLines_AndRoundTripsThroughReplace()
    {
        var cli = _device.OpenCli();
        Assert.StartsWith("Enter configuration commands", Run(cli, "configure terminal"));
        foreach (var line in new[] { "no ip domain lookup", "ip domain name lab.example", "interface Loopback0",
                     " ip address 1.1.1.1 255.255.255.255", "interface GigabitEthernet0/2", " description core", " mtu 9000",
                     " no shutdown", "router ospf 1", " router-id 1.1.1.1", " network 10.0.0.0 0.0.255.255 area 0", "end" })
            Assert.Equal("", Run(cli, line));
        var running = _device.RunningConfig;
        Assert.Contains("\nno ip domain lookup\nip domain name lab.example\n", running);
        Assert.Contains("\ninterface Loopback0\n ip address 1.1.1.1 255.255.255.255\n!\ninterface GigabitEthernet0/0\n", running);
        Assert.Contains("\ninterface GigabitEthernet0/2\n description core\n mtu 9000\n no ip address\n duplex auto\n", running);
        Assert.Matches(@"Current configuration : \d+ bytes", running);

        cli.Execute("copy running-config flash:snap.cfg");
        Assert.Contains("bytes copied", Run(cli, ""));
        Run(cli, "configure terminal");
        Run(cli, "hostname OTHER");
        Run(cli, "no interface Loopback0");
        Run(cli, "interface GigabitEthernet0/2");
        Run(cli, " shutdown");
        Run(cli, "end");
        Assert.NotEqual(running, _device.RunningConfig);
        Assert.Contains("Rollback Done", Run(cli, "configure replace flash:snap.cfg force"));
        Assert.Equal(running, _device.RunningConfig);
    }

    [Fact]
    public void Reload_LosesUnsavedConfiguration_AndWriteMemoryKeepsIt()
    {
        var cli = _device.OpenCli();
        Run(cli, "configure terminal");
        Run(cli, "hostname SAVED");
        Run(cli, "end");
        Assert.Equal("Building configuration...\n[OK]\n", Run(cli, "write memory"));
        Run(cli, "configure terminal");
        Run(cli, "hostname UNSAVED");
        Run(cli, "end");
        cli.Execute("reload");
        cli.Execute("");
        Assert.False(cli.Alive);
        Assert.True(cli.Execute("show version").Drop);
        Assert.Equal("SAVED", _device.Hostname);
    }

    [Fact]
    public void ShowVersion_HasWhatAnsibleParses()
    {
        var output = Run(_device.OpenCli(), "show version");
        Assert.Matches(@"Version (\S+),", output);
        Assert.Matches(@"(?m)^R1 uptime is \d+ minutes?$", output);
        Assert.Matches("image file is \"(.+)\"", output);
    }

    [Fact]
    public void Interfaces_FollowLinkAndAdminState()
    {
        var cli = _device.OpenCli();
        _device.SetLink("GigabitEthernet0/0", up: false);
        Assert.Contains("GigabitEthernet0/0 is down, line protocol is down", Run(cli, "show interfaces GigabitEthernet0/0"));
        _device.SetLink("GigabitEthernet0/0", up: true);
        Assert.Contains("GigabitEthernet0/0 is up, line protocol is up", Run(cli, "show interfaces gi0/0"));
        Assert.Contains("GigabitEthernet0/3 is administratively down", Run(cli, "show interfaces"));
        Assert.Throws<ArgumentException>(() => _device.SetLink("Loopback9", false));
    }
}

public class ConfigTreeTests
{
    [Fact]
    public void RestoreCommands_NegateAdditions_AndReAddRemovals()
    {
        var snapshot = ConfigNode.Parse("hostname R1\n!\ninterface eth0\n ip address 10.0.0.1/24\n description a\nexit\n!\nip route 10.9.0.0/16 Null0\n");
        var current = ConfigNode.Parse("hostname R1\n!\ninterface eth0\n ip address 10.0.0.1/24\nexit\n!\nip route 192.0.2.0/24 Null0\nip route 10.9.0.0/16 Null0\n");
        var commands = ConfigNode.RestoreCommands(current, snapshot).Select(g => string.Join(" | ", g)).ToList();
        Assert.Equal(["no ip route 192.0.2.0/24 Null0", "interface eth0 | description a"], commands);
    }
}
