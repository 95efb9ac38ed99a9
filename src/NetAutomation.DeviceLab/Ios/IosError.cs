namespace NetAutomation.DeviceLab.Ios;

/// <summary>An IOS error message, with the column of the caret line when IOS prints one.</summary>
internal sealed class IosError(string message, int? column = null) : Exception(message)
{
    public int? Column { get; } = column;

    public static IosError Invalid(string line, int tokenIndex)
    {
        var words = Tokens(line);
        var col = tokenIndex < words.Count ? words[tokenIndex].Start : line.TrimEnd().Length;
        return new IosError("% Invalid input detected at '^' marker.", col);
    }

    public static IosError Incomplete() => new("% Incomplete command.");

    public static List<(string Text, int Start)> Tokens(string line)
    {
        var list = new List<(string, int)>();
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && line[i] == ' ') i++;
            var start = i;
            while (i < line.Length && line[i] != ' ') i++;
            if (i > start) list.Add((line[start..i], start));
        }
        return list;
    }

    /// <summary>Resolves an abbreviation against keywords as IOS does: a unique prefix, case-insensitive.</summary>
    public static string? Keyword(string token, params string[] keywords)
    {
        var exact = keywords.FirstOrDefault(k => string.Equals(k, token, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        var hits = keywords.Where(k => k.StartsWith(token, StringComparison.OrdinalIgnoreCase)).ToList();
        if (hits.Count > 1) throw new IosError($"% Ambiguous command:  \"{token}\"");
        return hits.Count == 1 ? hits[0] : null;
    }
}
