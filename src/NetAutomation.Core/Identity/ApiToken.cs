using System.Security.Cryptography;
using System.Text;

namespace NetAutomation.Core.Identity;

/// <summary>
/// A personal API token. Only the SHA-256 hash is stored: a token is shown once, when it is made,
/// and a stolen database does not give anyone a working token.
/// </summary>
public sealed class ApiToken
{
    public const string Prefix = "nat_";

    public int Id { get; set; }
    public required string UserId { get; set; }
    public PortalUser? User { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;

    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A new random token: the prefix and 32 random bytes in URL-safe base64.</summary>
    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
