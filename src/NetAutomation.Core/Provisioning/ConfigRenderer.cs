using System.Text.Json;
using Fluid;
using Fluid.Values;
using NetAutomation.Core.Inventory;
using NetAutomation.Devices;

namespace NetAutomation.Core.Provisioning;

/// <summary>
/// Renders a device's configuration from a Liquid template (Fluid). Values are typed by the caller; text values pass
/// the <c>cli</c> filter, which refuses line breaks, control characters and template syntax, and every rendered line is
/// checked again before it can reach a device: one stray newline would turn a description into a command.
/// </summary>
public sealed class ConfigRenderer
{
    private static readonly FluidParser Parser = new();
    // Strict: a misspelt variable or filter in an admin's template is an error, not an empty string on a device.
    private static readonly TemplateOptions Options = new TemplateOptionsBuilder()
        .AddFilter("cli", Cli)
        .WithStrictVariables(true)
        .WithStrictFilters(true)
        .Build();

    /// <summary>Checks a template parses; the message says where it does not.</summary>
    public static string? Problem(string body) => Parser.TryParse(body, out _, out var error) ? null : error;

    /// <summary>The rendered configuration. Throws <see cref="ValidationFailedException"/> for a bad template or value.</summary>
    public string Render(string templateName, string body, IReadOnlyDictionary<string, object> values)
    {
        if (!Parser.TryParse(body, out var template, out var error))
            throw ValidationFailedException.For("Template", $"Template {templateName} does not parse: {error}");
        var context = new TemplateContext(Options);
        foreach (var (name, value) in values) context.SetValue(name, value);
        string text;
        try { text = template.Render(context); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ValidationFailedException.For("Template", $"Template {templateName}: {(e.InnerException ?? e).Message}");
        }
        try { CliText.SplitConfig(text); }
        catch (ArgumentException e) { throw ValidationFailedException.For("Template", $"Template {templateName} rendered an unsafe line. {e.Message}"); }
        return text;
    }

    /// <summary>Values as stored with a device's change, so that its removal is rendered from the same facts.</summary>
    public static string ToJson(IReadOnlyDictionary<string, object> values) => JsonSerializer.Serialize(values);

    /// <summary>Stored values back: numbers as numbers (templates may compare them), everything else as text.</summary>
    public static Dictionary<string, object> FromJson(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(
            v => v.Key,
            v => v.Value.ValueKind == JsonValueKind.Number ? (object)v.Value.GetDecimal() : v.Value.ToString());

    /// <summary>The <c>cli</c> filter: the value as one safe CLI word sequence, or an error naming the problem.</summary>
    private static ValueTask<FluidValue> Cli(FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        var text = input.ToStringValue(context);
        CliText.EnsureSafe(text, "value");
        if (text.Contains("{{") || text.Contains("{%"))
            throw new ArgumentException("A value contains template syntax ({{ or {%); it cannot be placed in a configuration.");
        return StringValue.Create(text);
    }
}
