using System.Security.Claims;
using System.Security.Cryptography;

namespace NetAutomation.Web.Live;

/// <summary>
/// A random secret made at start-up and never stored: the app's own live-feed client presents it to the hub.
/// </summary>
public sealed class InstanceKey
{
    public const string Role = "LiveFeedInstance";
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Value => Convert.ToBase64String(_key);

    public bool Matches(string candidate) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(candidate), System.Text.Encoding.ASCII.GetBytes(Value));

    public ClaimsPrincipal Principal(string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, $"instance:{Environment.MachineName}"), new Claim(ClaimTypes.Role, Role)], scheme));
}
