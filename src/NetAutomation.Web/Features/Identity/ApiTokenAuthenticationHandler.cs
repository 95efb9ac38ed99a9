using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Web.Live;

namespace NetAutomation.Web.Features.Identity;

/// <summary>
/// <c>Authorization: Bearer nat_...</c>: a personal API token, looked up by its hash, signs in as its owner with
/// the owner's current roles and tenant. The app's own live-feed client signs in with the instance key.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PortalDbContext> dbs,
    IUserClaimsPrincipalFactory<PortalUser> principals,
    InstanceKey instanceKey)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();

        if (instanceKey.Matches(token))
            return AuthenticateResult.Success(new AuthenticationTicket(instanceKey.Principal(SchemeName), SchemeName));

        var hash = ApiToken.HashOf(token);
        await using var db = await dbs.CreateDbContextAsync(Context.RequestAborted);
        var owner = await db.ApiTokens.Where(t => t.Hash == hash && t.RevokedAt == null).Select(t => t.User).SingleOrDefaultAsync(Context.RequestAborted);
        if (owner is null) return AuthenticateResult.Fail("The API token is unknown or revoked.");
        if (owner.LockoutEnd > DateTimeOffset.UtcNow) return AuthenticateResult.Fail("The token's owner is locked out.");

        var principal = await principals.CreateAsync(owner);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
