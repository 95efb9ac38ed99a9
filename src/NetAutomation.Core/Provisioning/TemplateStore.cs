using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Provisioning;

/// <summary>The configuration templates: defaults from <c>database/seed/templates</c>, then whatever admins make of them.</summary>
public static class TemplateStore
{
    /// <summary>Adds each default template (<c>{Kind}.{platform}.{Variant}.liquid</c>) that the database does not have yet.</summary>
    public static async Task SeedAsync(PortalDbContext db, string folder, DateTime now, CancellationToken ct = default)
    {
        foreach (var file in Directory.GetFiles(folder, "*.liquid"))
        {
            var parts = Path.GetFileNameWithoutExtension(file).Split('.');
            if (parts.Length != 3 || !Enum.TryParse<ServiceKind>(parts[0], out var kind) || !Enum.TryParse<TemplateVariant>(parts[2], out var variant))
                throw new InvalidOperationException($"Template file {Path.GetFileName(file)} is not named Kind.platform.Variant.liquid.");
            var platform = parts[1];
            if (await db.ConfigTemplates.AnyAsync(t => t.Kind == kind && t.Platform == platform && t.Variant == variant, ct)) continue;
            var body = await File.ReadAllTextAsync(file, ct);
            if (ConfigRenderer.Problem(body) is { } problem)
                throw new InvalidOperationException($"Template file {Path.GetFileName(file)} does not parse: {problem}");
            db.ConfigTemplates.Add(new ConfigTemplate { Kind = kind, Platform = platform, Variant = variant, Body = body, UpdatedAt = now, UpdatedBy = "seed" });
        }
        await db.SaveChangesAsync(ct);
    }
}
