using NetAutomation.Core.Inventory;
using NetAutomation.Devices;

namespace NetAutomation.Testing;

/// <summary>
/// The inventory side of a simulated provider network, shared by the ordering tests and the orders benchmark: simulated
/// routers are IOS routers with one lab login, and gigabit ports of which one faces customers.
/// </summary>
public static class LabInventory
{
    /// <summary>The platform every simulated router runs.</summary>
    public static Platform Ios() => new() { Name = "Cisco IOS XE", Vendor = "Cisco", OsName = "IOS XE", DriverKey = DevicePlatforms.Ios };

    /// <summary>The lab's login as the portal stores it, the password encrypted.</summary>
    public static Credential Login(CredentialSecrets secrets, DeviceCredentials login) =>
        new() { Name = "lab", Username = login.Username, ProtectedSecret = secrets.Protect(login.Password) };

    /// <summary>An active router with ports GigabitEthernet0/0 to 0/<c>ports-1</c> at 1 Gbps; <paramref name="customerPort"/> is described as the customer access port.</summary>
    public static Device Router(string name, string address, DeviceRole role, Site site, Platform platform, Credential login, int ports = 4, int? customerPort = 3) => new()
    {
        Hostname = name, ManagementAddress = address, Role = role, Site = site, Platform = platform, Credential = login, State = DeviceState.Active,
        Interfaces = [.. Enumerable.Range(0, ports).Select(i => new Interface
        {
            Name = $"GigabitEthernet0/{i}", SpeedMbps = 1000, Description = i == customerPort ? "customer access" : null,
        })],
    };
}
