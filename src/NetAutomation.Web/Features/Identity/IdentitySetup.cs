using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Lab;
using NetAutomation.Web.Setup;

namespace NetAutomation.Web.Features.Identity;

public static class IdentitySetup
{
    /// <summary>Picks the API token handler for <c>Authorization: Bearer</c> requests, the cookie otherwise.</summary>
    private const string CookieOrToken = "CookieOrToken";

    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(5);

    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var lab = builder.Configuration.GetSection(LabOptions.Section);
        services.Configure<LabOptions>(lab);
        RefuseDemoPasswordOutsideDevelopment(builder.Environment, lab.Get<LabOptions>() ?? new LabOptions());

        services.AddDataProtection().PersistKeysToDbContext<PortalDbContext>().SetApplicationName("NetAutomation");

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrToken;
                o.DefaultChallengeScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Cookie or API token", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "netautomation";
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<PortalUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                o.Lockout.DefaultLockoutTimeSpan = LockoutTime;
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<PortalClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(JobsSetup.DashboardPolicy, p => p.RequireRole(Roles.Noc, Roles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, PortalAuthenticationStateProvider>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<DemoUsers>();
        services.AddScoped<UserPreferences>();
        services.AddScoped<ListUsers.Handler>();
        services.AddScoped<CreateApiToken.Handler>();
        services.AddScoped<ListApiTokens.Handler>();
        services.AddScoped<RevokeApiToken.Handler>();
        return builder;
    }

    private static Task StatusOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (MachinePaths.Match(context.Request)) context.Response.StatusCode = status;
        else context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Demo passwords are printed in the README: anywhere but a developer's machine they are an open door.</summary>
    internal static void RefuseDemoPasswordOutsideDevelopment(IHostEnvironment env, LabOptions lab)
    {
        if (env.IsDevelopment()) return;
        if (lab.SeedDemoUsers || !string.IsNullOrEmpty(lab.DemoPassword) || lab.DemoApiTokens.Count > 0)
            throw new InvalidOperationException(
                $"Refusing to start in the {env.EnvironmentName} environment with demo users, a demo password or demo API tokens configured. " +
                "Remove Lab:SeedDemoUsers, Lab:DemoPassword and Lab:DemoApiTokens, or run with ASPNETCORE_ENVIRONMENT=Development.");
    }

    public static async Task SeedIdentityAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoUsers>().SeedAsync();
    }
}
