namespace NetAutomation.Core.Identity;

/// <summary>Claim types the portal adds to a signed-in user.</summary>
public static class PortalClaims
{
    public const string TenantId = "netautomation:tenant";
    public const string DisplayName = "netautomation:name";
}
