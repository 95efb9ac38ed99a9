using Microsoft.AspNetCore.Identity;

namespace NetAutomation.Core.Identity;

public sealed class PortalUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The customer's organisation; null for NOC and admin staff.</summary>
    public int? TenantId { get; set; }
    public Tenant? Tenant { get; set; }

    /// <summary>Light or dark theme, remembered per user.</summary>
    public bool PrefersDarkMode { get; set; }
}
