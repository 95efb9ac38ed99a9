using System.Net;
using System.Text.RegularExpressions;

namespace NetAutomation.Testing;

/// <summary>HTTP clients for a running portal, in-process or a child process.</summary>
public static partial class PortalClient
{
    /// <summary>A client with its own cookie jar that does not follow redirects, so tests see them.</summary>
    public static HttpClient New(Uri address) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = address };

    /// <summary>Signs in through the real login form (antiforgery token included) and returns the client holding the cookie.</summary>
    public static async Task<HttpClient> SignInAsync(Uri address, string email, string password)
    {
        var client = New(address);
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode}.");
        return client;
    }

    /// <summary>Posts the login form as a browser would and returns the raw response.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        var action = returnUrl is null ? "/account/login" : $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
