using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace NetAutomation.Core.Inventory;

/// <summary>
/// What valid inventory text looks like, in one place: forms, import rows, the REST API and the seed all check here,
/// and the column lengths in the EF configuration come from the same constants. Each check returns the cleaned value
/// (trimmed, canonical) and records a message naming the field when the input is bad.
/// </summary>
public static partial class InventoryRules
{
    public const int NameLength = 100;
    public const int TextLength = 500;
    public const int KeyLength = 64;
    public const int HostnameLength = 63;
    public const int InterfaceNameLength = 64;
    public const int PrefixLength = 49; // a full IPv6 address and /128
    public const int MaxSpeedMbps = 1_600_000;

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")]
    private static partial Regex HostnamePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9/.:_-]*$")]
    private static partial Regex InterfacePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex MacDigits();

    /// <summary>Free text: optional or required, no control or bidirectional-override characters, at most <paramref name="max"/> characters.</summary>
    public static string? Text(FieldErrors errors, string field, string? value, int max, bool required = false, string label = "")
    {
        label = string.IsNullOrEmpty(label) ? field : label;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required) errors.Add(field, $"{label} is required.");
            return null;
        }
        if (text.Length > max) errors.Add(field, $"{label} is {text.Length} characters long; the limit is {max}.");
        if (text.Any(IsForbidden)) errors.Add(field, $"{label} contains a control character (such as a line break or tab); remove it.");
        return text;
    }

    /// <summary>
    /// Refuses Liquid syntax (<c>{{</c>, <c>{%</c>) in text that may be placed in a configuration template's output or
    /// shown beside one: a value must never become template code.
    /// </summary>
    public static void NoTemplateSyntax(FieldErrors errors, string field, string? text, string label)
    {
        if (text is not null && (text.Contains("{{") || text.Contains("{%"))) errors.Add(field, $"{label} may not contain {{{{ or {{%.");
    }

    /// <summary>The text with every forbidden character shown as U+FFFD, for quoting bad input back in a message.</summary>
    public static string Visible(string text) => new(text.Select(c => IsForbidden(c) ? '\uFFFD' : c).ToArray());

    /// <summary>Characters that could break a device CLI line, a log line or a CSV export, or disguise text.</summary>
    public static bool IsForbidden(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u200B' or '\uFEFF' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    public static string Name(FieldErrors errors, string field, string? value, string label = "Name") =>
        Text(errors, field, value, NameLength, required: true, label) ?? "";

    /// <summary>RFC 1123 host name, lower-cased: letters, digits, hyphens, dot-separated labels, at most 63 characters.</summary>
    public static string Hostname(FieldErrors errors, string field, string? value)
    {
        var text = Text(errors, field, value, HostnameLength, required: true, "Hostname");
        if (text is null || errors.Has(field)) return text ?? "";
        text = text.ToLowerInvariant();
        if (!HostnamePattern().IsMatch(text) || text.Split('.').Any(l => l.Length > 63))
            errors.Add(field, $"Hostname '{text}' is not a valid host name: use letters, digits and hyphens (not at the start or end), with dots between labels.");
        return text;
    }

    public static string InterfaceName(FieldErrors errors, string field, string? value)
    {
        var text = Text(errors, field, value, InterfaceNameLength, required: true, "Interface name");
        if (text is null || errors.Has(field)) return text ?? "";
        if (!InterfacePattern().IsMatch(text))
            errors.Add(field, $"Interface name '{text}' is not valid: start with a letter and use letters, digits and / . : _ - only (e.g. GigabitEthernet0/0/1, eth0).");
        return text;
    }

    /// <summary>A short machine key such as a driver key: lower-case letters, digits, '-' and '_'.</summary>
    public static string Key(FieldErrors errors, string field, string? value, string label)
    {
        var text = Text(errors, field, value, KeyLength, required: true, label);
        if (text is null || errors.Has(field)) return text ?? "";
        if (!KeyPattern().IsMatch(text))
            errors.Add(field, $"{label} '{text}' is not valid: use lower-case letters, digits, '-' and '_', starting with a letter.");
        return text;
    }

    /// <summary>An IPv4 or IPv6 address in canonical form. IPv4 must be a full dotted quad ("10" is not 0.0.0.10 here).</summary>
    public static string IpAddress(FieldErrors errors, string field, string? value, string label = "Address")
    {
        var text = Text(errors, field, value, 45, required: true, label);
        if (text is null || errors.Has(field)) return text ?? "";
        if (!TryParseAddress(text, out var address))
        {
            errors.Add(field, $"{label} '{text}' is not an IPv4 or IPv6 address.");
            return text;
        }
        return address.ToString();
    }

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (!System.Net.IPAddress.TryParse(text, out var parsed)) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetwork && parsed.ToString() != text) return false;
        if (parsed.AddressFamily == AddressFamily.InterNetworkV6 && (text.Contains('%') || parsed.ScopeId != 0 || parsed.IsIPv4MappedToIPv6)) return false;
        address = parsed;
        return true;
    }

    /// <summary>A MAC address in any common notation, returned as lower-case <c>aa:bb:cc:dd:ee:ff</c>.</summary>
    public static string? MacAddress(FieldErrors errors, string field, string? value)
    {
        var text = Text(errors, field, value, 17, label: "MAC address");
        if (text is null || errors.Has(field)) return null;
        var digits = text.ToLowerInvariant().Replace(":", "").Replace("-", "").Replace(".", "");
        if (!MacDigits().IsMatch(digits))
        {
            errors.Add(field, $"MAC address '{text}' is not valid: use six hex pairs, e.g. 52:54:00:12:34:56.");
            return null;
        }
        return string.Join(':', Enumerable.Range(0, 6).Select(i => digits.Substring(i * 2, 2)));
    }

    /// <summary>A network prefix in CIDR form whose host bits are zero, in canonical text (<c>10.0.0.0/24</c>, <c>2001:db8::/48</c>).</summary>
    public static IPNetwork2? Prefix(FieldErrors errors, string field, string? value, string label = "Prefix")
    {
        var text = Text(errors, field, value, PrefixLength, required: true, label);
        if (text is null || errors.Has(field)) return null;
        var slash = text.IndexOf('/');
        if (slash < 0 || !TryParseAddress(text[..slash], out var address)
            || !byte.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || length > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            errors.Add(field, $"{label} '{text}' is not a prefix: write it as address/length, e.g. 10.0.0.0/24 or 2001:db8::/48.");
            return null;
        }
        var network = IPNetwork2.Parse(address.ToString(), length);
        if (!network.Network.Equals(address))
        {
            errors.Add(field, $"{label} '{text}' has host bits set; did you mean {Canonical(network)}?");
            return null;
        }
        return network;
    }

    public static string Canonical(IPNetwork2 network) => $"{network.Network}/{network.Cidr}";

    public static int MaxLength(IPNetwork2 network) => network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;

    public static void VlanRange(FieldErrors errors, string firstField, int first, string lastField, int last)
    {
        if (first is < 1 or > 4094) errors.Add(firstField, $"First VLAN {first} is outside 1-4094.");
        if (last is < 1 or > 4094) errors.Add(lastField, $"Last VLAN {last} is outside 1-4094.");
        if (first > last) errors.Add(lastField, $"The range starts at {first} but ends at {last}: the start must not be after the end.");
    }

    public static void Range(FieldErrors errors, string field, int value, int min, int max, string label)
    {
        if (value < min || value > max) errors.Add(field, $"{label} must be between {min} and {max}; it is {value}.");
    }
}
