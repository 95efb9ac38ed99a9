using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace NetAutomation.Devices;

/// <summary>Text rules shared by drivers and the simulator.</summary>
public static partial class CliText
{
    /// <summary>
    /// Refuses text that would reach a CLI with a line break or a control character: one such character
    /// would turn one value into two commands.
    /// </summary>
    /// <exception cref="ArgumentException">The text carries a control character.</exception>
    public static string EnsureSafe(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsControl(text[i]) || text[i] is '\u2028' or '\u2029' or '\u0085')
                throw new ArgumentException($"The {what} contains a control character (U+{(int)text[i]:X4}) at position {i + 1}; it cannot be sent to a device.");
        }
        return text;
    }

    /// <summary>
    /// Splits a configuration into lines, dropping blank lines, <c>!</c> comments and a final <c>end</c>,
    /// keeping each line's leading spaces (they mark the sub-mode). Every line is checked with <see cref="EnsureSafe"/>.
    /// </summary>
    public static IReadOnlyList<string> SplitConfig(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var lines = new List<string>();
        var number = 0;
        foreach (var raw in configuration.Replace("\r\n", "\n").Split('\n'))
        {
            number++;
            var line = raw.TrimEnd();
            if (line.Length == 0 || line.TrimStart().StartsWith('!')) continue;
            if (line == "end") continue;
            try { EnsureSafe(line, "configuration line"); }
            catch (ArgumentException e) { throw new ArgumentException($"Line {number}: {e.Message}"); }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Removes terminal escape sequences (colours, bracketed paste) and carriage returns.</summary>
    public static string StripTerminal(string text) => AnsiEscape().Replace(text, "").Replace("\r", "");

    /// <summary>A line diff of two configurations: <c>-</c> removed lines, <c>+</c> added lines, no context.</summary>
    public static string Diff(string before, string after)
    {
        if (before == after) return "";
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false);
        var sb = new StringBuilder();
        foreach (var line in model.Lines)
        {
            if (line.Type == ChangeType.Deleted) sb.Append('-').Append(line.Text).Append('\n');
            else if (line.Type == ChangeType.Inserted) sb.Append('+').Append(line.Text).Append('\n');
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|[()][A-Z0-9]|[=>])")]
    private static partial Regex AnsiEscape();
}

/// <summary>
/// A configuration as a tree: a line's children are the lines indented under it. It is how CLIs
/// (IOS, FRR) print configuration and what merge prediction and FRR rollback work on.
/// </summary>
public sealed class ConfigNode(string line)
{
    /// <summary>The line without its indentation.</summary>
    public string Line { get; } = line;

    /// <summary>The lines indented under this one.</summary>
    public List<ConfigNode> Children { get; } = [];

    /// <summary>Finds a direct child by exact line.</summary>
    public ConfigNode? Find(string line) => Children.FirstOrDefault(c => c.Line == line);

    /// <summary>
    /// Parses configuration text. Lines that are not configuration (<c>!</c>, <c>end</c>, <c>exit</c>,
    /// blank, and the header lines listed in <paramref name="ignore"/>) are skipped.
    /// </summary>
    public static ConfigNode Parse(string text, Func<string, bool>? ignore = null)
    {
        var root = new ConfigNode("");
        var stack = new List<(int Indent, ConfigNode Node)> { (-1, root) };
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var trimmed = raw.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('!') || trimmed is "end" or "exit" or "exit-address-family" or "exit-vrf") continue;
            if (ignore?.Invoke(trimmed) == true) continue;
            var indent = raw.Length - raw.TrimStart().Length;
            while (stack.Count > 1 && stack[^1].Indent >= indent) stack.RemoveAt(stack.Count - 1);
            var node = new ConfigNode(trimmed);
            stack[^1].Node.Children.Add(node);
            stack.Add((indent, node));
        }
        return root;
    }

    /// <summary>
    /// Predicts what merging <paramref name="candidate"/> into <paramref name="running"/> changes: candidate
    /// lines missing from running (<c>+</c>) and running lines a candidate <c>no ...</c> line removes (<c>-</c>).
    /// </summary>
    public static string PredictMerge(ConfigNode running, ConfigNode candidate)
    {
        var sb = new StringBuilder();
        Walk(running, candidate, 0, sb);
        return sb.ToString();

        static void Walk(ConfigNode? have, ConfigNode want, int depth, StringBuilder sb)
        {
            var pad = new string(' ', depth);
            foreach (var child in want.Children)
            {
                if (child.Line.StartsWith("no ", StringComparison.Ordinal))
                {
                    var target = child.Line[3..];
                    foreach (var gone in have?.Children.Where(c => c.Line == target || c.Line.StartsWith(target + " ", StringComparison.Ordinal)) ?? [])
                        sb.Append('-').Append(pad).Append(gone.Line).Append('\n');
                    continue;
                }
                var existing = have?.Find(child.Line);
                if (existing is null) sb.Append('+').Append(pad).Append(child.Line).Append('\n');
                var inner = new StringBuilder();
                Walk(existing, child, depth + 1, inner);
                if (inner.Length > 0)
                {
                    if (existing is not null) sb.Append(' ').Append(pad).Append(child.Line).Append('\n');
                    sb.Append(inner);
                }
            }
        }
    }

    /// <summary>
    /// The commands that turn <paramref name="current"/> back into <paramref name="target"/>: negate what was
    /// added (removals first), then re-add what was removed. Each group is one command preceded by its parent
    /// lines, to be sent from the top configuration mode. This is the method <c>frr-reload.py</c> uses; the
    /// FRR driver rolls back with it and then verifies the result.
    /// </summary>
    public static IReadOnlyList<string[]> RestoreCommands(ConfigNode current, ConfigNode target)
    {
        var removals = new List<string[]>();
        var additions = new List<string[]>();
        Walk(current, target, [], removals, additions);
        return [.. removals, .. additions];

        static void Walk(ConfigNode cur, ConfigNode tgt, string[] parents, List<string[]> removals, List<string[]> additions)
        {
            foreach (var c in cur.Children)
            {
                var t = tgt.Find(c.Line);
                if (t is null) removals.Add([.. parents, Negate(c.Line)]);
                else if (c.Children.Count > 0 || t.Children.Count > 0) Walk(c, t, [.. parents, c.Line], removals, additions);
            }
            foreach (var t in tgt.Children)
            {
                if (cur.Find(t.Line) is not null) continue;
                additions.Add([.. parents, t.Line]);
                AddAll(t, [.. parents, t.Line], additions);
            }
        }

        static void AddAll(ConfigNode node, string[] parents, List<string[]> additions)
        {
            foreach (var c in node.Children)
            {
                additions.Add([.. parents, c.Line]);
                AddAll(c, [.. parents, c.Line], additions);
            }
        }

        static string Negate(string line) => line.StartsWith("no ", StringComparison.Ordinal) ? line[3..] : "no " + line;
    }
}
