using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;
using NetAutomation.Core.Ordering;
using NetAutomation.Devices;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// An admin saves a configuration template. It is stored only if it parses and renders, with strict variables and
/// filters, for every role its kind's devices play (a misspelt variable is Fluid's error under the body, not an empty
/// string on a router); the Remove variant renders from values as they come back from an order's stored facts.
/// </summary>
public static class SaveTemplate
{
    public sealed record Command(ServiceKind Kind, string? Platform, TemplateVariant Variant, string? Body);

    public const int MaxBodyLength = 20_000;

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            if (!Enum.IsDefined(c.Kind)) errors.Add(nameof(c.Kind), $"Service must be one of: {string.Join(", ", Enum.GetNames<ServiceKind>())}.");
            if (!Enum.IsDefined(c.Variant)) errors.Add(nameof(c.Variant), $"Variant must be one of: {string.Join(", ", Enum.GetNames<TemplateVariant>())}.");
            var platform = c.Platform ?? "";
            if (!DevicePlatforms.All.Contains(platform))
                errors.Add(nameof(c.Platform), $"Platform must be one of: {string.Join(", ", DevicePlatforms.All)}.");
            var body = c.Body ?? "";
            if (errors.Any) errors.ThrowIfAny();
            foreach (var problem in Problems(c.Kind, c.Variant, body)) errors.Add(nameof(c.Body), problem);
            errors.ThrowIfAny();

            await using var db = await dbs.CreateDbContextAsync(ct);
            var template = await db.ConfigTemplates.SingleOrDefaultAsync(t => t.Kind == c.Kind && t.Platform == platform && t.Variant == c.Variant, ct);
            var previous = template?.Body;
            if (template is null)
            {
                template = new ConfigTemplate { Kind = c.Kind, Platform = platform, Variant = c.Variant, Body = body, UpdatedBy = actor };
                db.ConfigTemplates.Add(template);
            }
            template.Body = body;
            template.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            template.UpdatedBy = actor;
            // The template and its line in the audit trail (who changed what in it) are saved together.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            InventoryAudit.Record(db, template.UpdatedAt, actor, "template", template.Id, previous is null ? "created" : "updated",
                $"{template.Name}:\n{CliText.Diff(previous ?? "", body)}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>Why a body cannot be saved, in the words of the check that refused it; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(ServiceKind kind, TemplateVariant variant, string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return ["The template is empty."];
        if (body.Length > MaxBodyLength) return [$"The template is {body.Length} characters long; the limit is {MaxBodyLength}."];
        var lines = body.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // Line breaks separate lines; a tab is indentation. Anything else invisible could hide a second command.
            foreach (var ch in lines[i].Where(ch => ch != '\t' && InventoryRules.IsForbidden(ch)))
                return [$"Line {i + 1} contains a control or invisible character (U+{(int)ch:X4}); remove it."];
        }
        if (ConfigRenderer.Problem(body) is { } parse) return [$"The template does not parse: {parse}"];
        var renderer = new ConfigRenderer();
        var problems = new List<string>();
        foreach (var (role, values) in TemplateValues.Samples(kind))
        {
            // The Remove variant is rendered from an order's stored values: numbers come back as decimals.
            var facts = variant == TemplateVariant.Remove ? ConfigRenderer.FromJson(ConfigRenderer.ToJson(values)) : values;
            try { renderer.Render($"{kind}/{variant}", body, facts); }
            catch (ValidationFailedException e)
            {
                problems.AddRange(e.Errors.SelectMany(x => x.Value).Select(m => $"For a device in the role {role}: {m}"));
            }
        }
        return problems;
    }
}
