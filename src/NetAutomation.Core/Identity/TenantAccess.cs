using System.Globalization;
using System.Security.Claims;

namespace NetAutomation.Core.Identity;

/// <summary>
/// The tenant and role rules in one place: staff (NOC, admin) see every tenant; a customer sees only the
/// tenant on their account; anyone else sees nothing. Pages, the REST API and the live feed all ask here.
/// </summary>
public static class TenantAccess
{
    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Noc) || user.IsInRole(Roles.Admin);

    /// <summary>The tenant a customer belongs to, or null for staff and anonymous users.</summary>
    public static int? TenantOf(ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(PortalClaims.TenantId), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    /// <summary>
    /// Which tenants a user's lists and lookups are limited to: true with null for staff (every tenant), true with the
    /// tenant for a customer, false for anyone else (who sees nothing).
    /// </summary>
    public static bool TryScope(ClaimsPrincipal user, out int? tenantId)
    {
        tenantId = null;
        if (user.Identity?.IsAuthenticated != true) return false;
        if (IsStaff(user)) return true;
        tenantId = TenantOf(user);
        return user.IsInRole(Roles.Customer) && tenantId is not null;
    }

    public static bool CanSeeTenant(ClaimsPrincipal user, int tenantId)
    {
        if (user.Identity?.IsAuthenticated != true) return false;
        if (IsStaff(user)) return true;
        return user.IsInRole(Roles.Customer) && TenantOf(user) == tenantId;
    }

    /// <summary>
    /// Checks that a set of roles and a tenant make a valid account: a customer needs exactly one tenant,
    /// staff have none, and a customer is never staff as well (a tenant-scoped account must not see all tenants).
    /// Returns the problems, empty when the account is valid.
    /// </summary>
    public static IReadOnlyList<string> ValidateAccount(IReadOnlyCollection<string> roles, int? tenantId)
    {
        var problems = new List<string>();
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
            problems.Add($"Unknown role(s): {string.Join(", ", unknown)}. Use {string.Join(", ", Roles.All)}.");
        if (roles.Count == 0)
            problems.Add("An account needs a role: Customer, Noc or Admin.");

        var customer = roles.Contains(Roles.Customer);
        var staff = roles.Contains(Roles.Noc) || roles.Contains(Roles.Admin);
        if (customer && staff)
            problems.Add("A customer account cannot also be NOC or admin: customers are limited to their tenant.");
        if (customer && tenantId is null)
            problems.Add("A customer account needs a tenant.");
        if (!customer && tenantId is not null)
            problems.Add("Only customer accounts belong to a tenant; remove the tenant from a NOC or admin account.");
        return problems;
    }
}
