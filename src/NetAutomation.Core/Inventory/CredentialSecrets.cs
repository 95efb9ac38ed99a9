using Microsoft.AspNetCore.DataProtection;

namespace NetAutomation.Core.Inventory;

/// <summary>
/// Encrypts device secrets at rest with Data Protection (keys in the database, shared by every instance).
/// Pages and the API only ever write a secret; <see cref="Reveal"/> is for the code that logs in to devices.
/// </summary>
public sealed class CredentialSecrets(IDataProtectionProvider provider)
{
    public const string Purpose = "NetAutomation.Inventory.Credential.v1";
    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Reveal(Credential credential) => _protector.Unprotect(credential.ProtectedSecret);
}
