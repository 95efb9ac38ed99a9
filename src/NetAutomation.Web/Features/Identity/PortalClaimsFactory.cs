using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Identity;

namespace NetAutomation.Web.Features.Identity;

/// <summary>Adds the tenant and display name to the cookie, so pages need no database round trip to scope data.</summary>
internal sealed class PortalClaimsFactory(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        if (user.TenantId is { } tenant)
            identity.AddClaim(new Claim(PortalClaims.TenantId, tenant.ToString(CultureInfo.InvariantCulture)));
        return identity;
    }
}
