using Microsoft.AspNetCore.Identity;
using NetAutomation.Core.Identity;

namespace NetAutomation.Web.Features.Identity;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so another site cannot sign a user out.</summary>
    public static void MapAccountEndpoints(this WebApplication app) =>
        app.MapPost("/account/logout", async (SignInManager<PortalUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        });
}
