using System.Security.Claims;
using NetAutomation.Core.Identity;

namespace NetAutomation.Web.Components.Pages;

public static class RoleHome
{
    /// <summary>Where a user lands after signing in: admins first, then NOC, then customers.</summary>
    public static string For(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? "/admin"
        : user.IsInRole(Roles.Noc) ? "/noc"
        : user.IsInRole(Roles.Customer) ? "/customer"
        : "/account/access-denied";
}
