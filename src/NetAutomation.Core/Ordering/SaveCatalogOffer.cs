using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Ordering;

/// <summary>
/// An admin edits an offer: its name, its words and the choices customers get. Lists are typed as people write them
/// (<c>50, 100, 500</c>); every field is checked and a bad one is answered under that field, with nothing written.
/// </summary>
public static class SaveCatalogOffer
{
    public sealed record Command(ServiceKind Kind, string? Name, string? Description, string? BandwidthsMbps, string? PrefixLengths, bool Enabled = true);

    public const int MinBandwidthMbps = 1;
    public const int MaxBandwidthMbps = 100_000;
    public const int MinPrefixLength = 24;
    public const int MaxPrefixLength = 30;

    public sealed class Handler(IDbContextFactory<PortalDbContext> dbs, TimeProvider clock)
    {
        public async Task HandleAsync(Command c, string actor, CancellationToken ct = default)
        {
            var errors = new FieldErrors();
            if (!Enum.IsDefined(c.Kind))
            {
                errors.Add(nameof(c.Kind), $"Service must be one of: {string.Join(", ", Enum.GetNames<ServiceKind>())}.");
                errors.ThrowIfAny();
            }
            var name = InventoryRules.Name(errors, nameof(c.Name), c.Name);
            InventoryRules.NoTemplateSyntax(errors, nameof(c.Name), name, "Name");
            var description = InventoryRules.Text(errors, nameof(c.Description), c.Description, InventoryRules.TextLength, required: true, label: "Description") ?? "";
            InventoryRules.NoTemplateSyntax(errors, nameof(c.Description), description, "Description");

            var bandwidths = Numbers(errors, nameof(c.BandwidthsMbps), c.BandwidthsMbps, "Bandwidths", required: true);
            if (bandwidths is not null)
            {
                if (bandwidths.Where(b => b is < MinBandwidthMbps or > MaxBandwidthMbps).Select(b => (int?)b).FirstOrDefault() is { } bad)
                    errors.Add(nameof(c.BandwidthsMbps), $"Bandwidth {bad} Mbps is outside {MinBandwidthMbps}-{MaxBandwidthMbps} Mbps.");
                else if (bandwidths.Distinct().Count() != bandwidths.Length)
                    errors.Add(nameof(c.BandwidthsMbps), "Bandwidths list a value twice; give each once.");
                else if (!bandwidths.SequenceEqual(bandwidths.Order()))
                    errors.Add(nameof(c.BandwidthsMbps), $"Give the bandwidths in ascending order: {ServiceCatalog.JoinList(bandwidths.Order()).Replace(",", ", ")}.");
            }

            int[] prefixes = [];
            if (ServiceCatalog.HasAddressBlock(c.Kind))
            {
                prefixes = Numbers(errors, nameof(c.PrefixLengths), c.PrefixLengths, "Address block sizes", required: true) ?? [];
                if (prefixes.Where(p => p is < MinPrefixLength or > MaxPrefixLength).Select(p => (int?)p).FirstOrDefault() is { } bad)
                    errors.Add(nameof(c.PrefixLengths), $"Address block /{bad} is outside /{MinPrefixLength} to /{MaxPrefixLength}.");
                else if (prefixes.Distinct().Count() != prefixes.Length)
                    errors.Add(nameof(c.PrefixLengths), "Address block sizes list a value twice; give each once.");
                prefixes = [.. prefixes.Order()];
            }
            else if (!string.IsNullOrWhiteSpace(c.PrefixLengths))
            {
                errors.Add(nameof(c.PrefixLengths), $"{ServiceCatalog.Default(c.Kind).Name} has no address block; leave the block sizes empty.");
            }

            await using var db = await dbs.CreateDbContextAsync(ct);
            var offer = await db.CatalogOffers.SingleOrDefaultAsync(o => o.Kind == c.Kind, ct);
            if (!errors.Has(nameof(c.Name)) && await db.CatalogOffers.AnyAsync(o => o.Name == name && o.Kind != c.Kind, ct))
                errors.Add(nameof(c.Name), $"Another offer is already called '{name}'.");
            errors.ThrowIfAny();

            if (offer is null)
            {
                offer = new CatalogOffer { Kind = c.Kind, Name = name, Description = description, BandwidthsMbps = "", UpdatedBy = actor };
                db.CatalogOffers.Add(offer);
            }
            offer.Name = name;
            offer.Description = description;
            offer.BandwidthsMbps = ServiceCatalog.JoinList(bandwidths!);
            offer.PrefixLengths = ServiceCatalog.JoinList(prefixes);
            offer.Enabled = c.Enabled;
            offer.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            offer.UpdatedBy = actor;
            ServiceCatalog.Audit(db, offer, actor, "saved");
            await db.SaveChangesAsync(ct);
        }

        /// <summary>A comma-separated list of whole numbers, or null (with a message) when it is not one.</summary>
        private static int[]? Numbers(FieldErrors errors, string field, string? value, string label, bool required)
        {
            var text = InventoryRules.Text(errors, field, value, 200, required, label);
            if (text is null || errors.Has(field)) return null;
            var numbers = new List<int>();
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    errors.Add(field, $"{label}: '{part}' is not a whole number; write the values separated by commas, e.g. 50, 100, 500.");
                    return null;
                }
                numbers.Add(n);
            }
            return [.. numbers];
        }
    }
}
