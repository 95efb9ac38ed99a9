using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NetAutomation.Core.Inventory;
using NetAutomation.Web.Features.Api;

namespace NetAutomation.Web.Features.Inventory;

/// <summary>
/// <c>/api/v1</c> inventory resources. NOC and admins read; only admins change. Lists take
/// <c>page</c>, <c>pageSize</c>, <c>sort</c>, <c>desc</c>, <c>search</c> and the filters named per resource.
/// </summary>
public static class InventoryApi
{
    /// <summary>The paging part of every list's query string.</summary>
    public sealed record ListArgs(int? Page, int? PageSize, string? Sort, bool? Desc, string? Search)
    {
        public PageRequest ToPage() => new(Page ?? 1, PageSize ?? 25, Sort, Desc ?? false, Search);
    }

    /// <summary>The body of a reservation: who it is for, and for how long (minutes) the hold lasts before it must be committed.</summary>
    public sealed record ReserveBody(string? Owner, int? TenantId, int? HoldMinutes);

    public sealed record Created(int Id);

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "api";

    public static RouteGroupBuilder MapInventoryApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("").RequireAuthorization(ApiSetup.AdminPolicy);
        api.WithTags("Inventory");

        api.MapGet("/sites", ([AsParameters] ListArgs a, SiteKind? kind, int? tenantId, ListSites.Handler h, CancellationToken ct) =>
            h.HandleAsync(new(a.ToPage(), kind, tenantId), ct));
        admin.MapPost("/sites", async (SaveSite.Command c, ClaimsPrincipal u, SaveSite.Handler h, CancellationToken ct) =>
            CreatedAt("sites", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/sites/{id:int}", async (int id, SaveSite.Command c, ClaimsPrincipal u, SaveSite.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/sites/{id:int}", (int id, ClaimsPrincipal u, DeleteSite.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(id), Actor(u), ct)));

        api.MapGet("/platforms", ([AsParameters] ListArgs a, ListPlatforms.Handler h, CancellationToken ct) => h.HandleAsync(new(a.ToPage()), ct));
        admin.MapPost("/platforms", async (SavePlatform.Command c, ClaimsPrincipal u, SavePlatform.Handler h, CancellationToken ct) =>
            CreatedAt("platforms", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/platforms/{id:int}", async (int id, SavePlatform.Command c, ClaimsPrincipal u, SavePlatform.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/platforms/{id:int}", (int id, ClaimsPrincipal u, DeletePlatform.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(id), Actor(u), ct)));

        // Credentials are admin-only even to list; the secret is write-only.
        admin.MapGet("/credentials", ([AsParameters] ListArgs a, ListCredentials.Handler h, CancellationToken ct) => h.HandleAsync(new(a.ToPage()), ct));
        admin.MapPost("/credentials", async (SaveCredential.Command c, ClaimsPrincipal u, SaveCredential.Handler h, CancellationToken ct) =>
            CreatedAt("credentials", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/credentials/{id:int}", async (int id, SaveCredential.Command c, ClaimsPrincipal u, SaveCredential.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/credentials/{id:int}", (int id, ClaimsPrincipal u, DeleteCredential.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(id), Actor(u), ct)));

        api.MapGet("/devices", ([AsParameters] ListArgs a, int? siteId, DeviceRole? role, DeviceState? state, int? platformId, ListDevices.Handler h, CancellationToken ct) =>
            h.HandleAsync(new(a.ToPage(), siteId, role, state, platformId), ct));
        api.MapGet("/devices/{id:int}", (int id, GetDevice.Handler h, CancellationToken ct) => h.HandleAsync(new(id), ct));
        admin.MapPost("/devices", async (SaveDevice.Command c, ClaimsPrincipal u, SaveDevice.Handler h, CancellationToken ct) =>
            CreatedAt("devices", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/devices/{id:int}", async (int id, SaveDevice.Command c, ClaimsPrincipal u, SaveDevice.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/devices/{id:int}", (int id, ClaimsPrincipal u, DeleteDevice.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(id), Actor(u), ct)));

        api.MapGet("/interfaces", ([AsParameters] ListArgs a, int? deviceId, bool? enabled, ListInterfaces.Handler h, CancellationToken ct) =>
            h.HandleAsync(new(a.ToPage(), deviceId, enabled), ct));
        admin.MapPost("/interfaces", async (SaveInterface.Command c, ClaimsPrincipal u, SaveInterface.Handler h, CancellationToken ct) =>
            CreatedAt("interfaces", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/interfaces/{id:int}", async (int id, SaveInterface.Command c, ClaimsPrincipal u, SaveInterface.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/interfaces/{id:int}", (int id, ClaimsPrincipal u, DeleteInterface.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(id), Actor(u), ct)));

        api.MapGet("/links", ([AsParameters] ListArgs a, int? deviceId, LinkState? state, ListLinks.Handler h, CancellationToken ct) =>
            h.HandleAsync(new(a.ToPage(), deviceId, state), ct));
        admin.MapPost("/links", async (SaveLink.Command c, ClaimsPrincipal u, SaveLink.Handler h, CancellationToken ct) =>
            CreatedAt("links", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/links/{id:int}", async (int id, SaveLink.Command c, ClaimsPrincipal u, SaveLink.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/links/{id:int}", (int id, ClaimsPrincipal u, DeleteLink.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(id), Actor(u), ct)));

        api.MapGet("/vlan-pools", ([AsParameters] ListArgs a, int? siteId, int? deviceId, ListVlanPools.Handler h, CancellationToken ct) =>
            h.HandleAsync(new(a.ToPage(), siteId, deviceId), ct));
        admin.MapPost("/vlan-pools", async (SaveVlanPool.Command c, ClaimsPrincipal u, SaveVlanPool.Handler h, CancellationToken ct) =>
            CreatedAt("vlan-pools", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/vlan-pools/{id:int}", async (int id, SaveVlanPool.Command c, ClaimsPrincipal u, SaveVlanPool.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/vlan-pools/{id:int}", (int id, ClaimsPrincipal u, DeletePool.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(AllocationKind.Vlan, id), Actor(u), ct)));

        api.MapGet("/prefix-pools", ([AsParameters] ListArgs a, int? siteId, ListPrefixPools.Handler h, CancellationToken ct) =>
            h.HandleAsync(new(a.ToPage(), siteId), ct));
        admin.MapPost("/prefix-pools", async (SavePrefixPool.Command c, ClaimsPrincipal u, SavePrefixPool.Handler h, CancellationToken ct) =>
            CreatedAt("prefix-pools", (await h.HandleAsync(c with { Id = null }, Actor(u), ct)).Id));
        admin.MapPut("/prefix-pools/{id:int}", async (int id, SavePrefixPool.Command c, ClaimsPrincipal u, SavePrefixPool.Handler h, CancellationToken ct) =>
            await h.HandleAsync(c with { Id = id }, Actor(u), ct));
        admin.MapDelete("/prefix-pools/{id:int}", (int id, ClaimsPrincipal u, DeletePool.Handler h, CancellationToken ct) =>
            NoContent(h.HandleAsync(new(AllocationKind.Prefix, id), Actor(u), ct)));

        api.MapGet("/allocations", ([AsParameters] ListArgs a, AllocationKind? kind, int? poolId, AllocationState? state, string? owner, int? tenantId,
            ListAllocations.Handler h, CancellationToken ct) => h.HandleAsync(new(a.ToPage(), kind, poolId, state, owner, tenantId), ct));
        admin.MapPost("/vlan-pools/{id:int}/reservations", async (int id, ReserveBody b, ClaimsPrincipal u, Allocator allocator, CancellationToken ct) =>
            Reserved(await allocator.ReserveVlanAsync(id, b.Owner ?? "", b.TenantId, Hold(b), Actor(u), ct)));
        admin.MapPost("/prefix-pools/{id:int}/reservations", async (int id, ReserveBody b, ClaimsPrincipal u, Allocator allocator, CancellationToken ct) =>
            Reserved(await allocator.ReservePrefixAsync(id, b.Owner ?? "", b.TenantId, Hold(b), Actor(u), ct)));
        admin.MapPost("/allocations/{id:int}/commit", (int id, ClaimsPrincipal u, Allocator allocator, CancellationToken ct) =>
            NoContent(allocator.CommitAsync(id, Actor(u), ct)));
        admin.MapPost("/allocations/{id:int}/release", (int id, ClaimsPrincipal u, Allocator allocator, CancellationToken ct) =>
            NoContent(allocator.ReleaseAsync(id, Actor(u), ct)));

        // Bulk import: the body is the file (text/csv or application/yaml, or say format=yaml); dryRun=true only reports.
        admin.MapPost("/import", async (HttpRequest request, bool? dryRun, string? format, ClaimsPrincipal u, ImportInventory.Handler h, CancellationToken ct) =>
        {
            var text = await InventoryFile.ReadTextAsync(request.Body, ct);
            var fileFormat = FileFormat(format) ?? (request.ContentType?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true ? InventoryFileFormat.Yaml : InventoryFileFormat.Csv);
            var result = await h.HandleAsync(new(text, fileFormat, dryRun ?? false), Actor(u), ct);
            return dryRun == true || result.Applied
                ? Results.Ok(result)
                : Results.ValidationProblem(result.Problems.GroupBy(p => p.Line == 0 ? "file" : $"line {p.Line}").ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                    title: "Some rows are not valid.", detail: "Nothing was changed.");
        }).Accepts<string>("text/csv", "application/yaml");
        api.MapGet("/export", async (string? format, ExportInventory.Handler h, CancellationToken ct) =>
        {
            var export = await h.HandleAsync(new(FileFormat(format) ?? InventoryFileFormat.Csv), ct);
            return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(export.Text), export.ContentType, export.FileName);
        });

        api.MapGet("/inventory-changes", ([AsParameters] ListArgs a, string? entity, int? entityId, ListInventoryChanges.Handler h, CancellationToken ct) =>
            h.HandleAsync(new(a.ToPage(), entity, entityId), ct));
        return api;
    }

    /// <summary><c>csv</c> or <c>yaml</c> in any case; anything else is refused naming the parameter.</summary>
    private static InventoryFileFormat? FileFormat(string? format) => format?.ToLowerInvariant() switch
    {
        null or "" => null,
        "csv" => InventoryFileFormat.Csv,
        "yaml" or "yml" => InventoryFileFormat.Yaml,
        _ => throw ValidationFailedException.For("format", "The format must be csv or yaml."),
    };

    private static TimeSpan? Hold(ReserveBody b) => b.HoldMinutes is { } m ? TimeSpan.FromMinutes(m) : null;

    private static Created<Created> CreatedAt(string resource, int id) => TypedResults.Created($"/api/v1/{resource}/{id}", new Created(id));

    private static Created<Reservation> Reserved(Reservation r) => TypedResults.Created($"/api/v1/allocations/{r.AllocationId}", r);

    private static async Task<NoContent> NoContent(Task work)
    {
        await work;
        return TypedResults.NoContent();
    }
}
