using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetAutomation.Core.Data;
using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;
using NetAutomation.Testing;
using NetAutomation.Web.Tests.Foundation;

namespace NetAutomation.Web.Tests.Identity;

/// <summary>Personal API tokens: made by the app's handler, accepted as Bearer, stored only as a hash, refused once revoked.</summary>
[Collection(PortalAppCollection.Name)]
public class ApiTokenTests(PortalApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> UserIdAsync(string email)
    {
        await using var db = await app.Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }

    private async Task<HttpStatusCode> DevicesWithAsync(string token)
    {
        using var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/v1/devices", Ct)).StatusCode;
    }

    [Fact]
    public async Task Token_Works_AsBearer_IsStoredHashed_AndIsRefusedOnceRevoked()
    {
        var userId = await UserIdAsync("noc@netautomation.example");
        using var scope = app.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateApiToken.Handler>().HandleAsync(new(userId, "nightly report"), Ct);

        Assert.StartsWith(ApiToken.Prefix, created.Secret, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await DevicesWithAsync(created.Secret));
        await using (var db = await app.Service<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.Id == created.Id, Ct);
            Assert.Equal(ApiToken.HashOf(created.Secret), stored.Hash);
            Assert.DoesNotContain(created.Secret, stored.Hash, StringComparison.Ordinal);
        }
        var listed = await scope.ServiceProvider.GetRequiredService<ListApiTokens.Handler>().HandleAsync(new(userId), Ct);
        Assert.Contains(listed, t => t.Id == created.Id && t.Name == "nightly report" && t.RevokedAt is null);

        await scope.ServiceProvider.GetRequiredService<RevokeApiToken.Handler>().HandleAsync(new(userId, created.Id), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, await DevicesWithAsync(created.Secret));
    }

    [Fact]
    public async Task BadName_IsRefusedNamingTheField_AndAnotherUsersTokenCannotBeRevoked()
    {
        var noc = await UserIdAsync("noc@netautomation.example");
        var customer = await UserIdAsync("customer@acme.example");
        using var scope = app.Services.CreateScope();
        var create = scope.ServiceProvider.GetRequiredService<CreateApiToken.Handler>();

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(new(noc, "line\nbreak"), Ct));
        Assert.Contains("control character", Assert.Single(bad.Errors["Name"]), StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() => create.HandleAsync(new(noc, "  "), Ct));

        var mine = await create.HandleAsync(new(noc, "not yours"), Ct);
        await Assert.ThrowsAsync<NotFoundException>(() => scope.ServiceProvider.GetRequiredService<RevokeApiToken.Handler>().HandleAsync(new(customer, mine.Id), Ct));
        Assert.Equal(HttpStatusCode.OK, await DevicesWithAsync(mine.Secret));
    }
}
