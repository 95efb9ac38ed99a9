namespace NetAutomation.DeviceLab.Ios;

/// <summary>Loads configuration text the way IOS does for startup and <c>configure replace</c>, or merges it like <c>copy x running-config</c>.</summary>
internal static class IosReplay
{
    /// <summary>
    /// A complete configuration: physical ports start from "no shutdown, nothing configured" when the file
    /// lists them (so a missing <c>shutdown</c> means up) and from factory state when it does not.
    /// </summary>
    public static IosConfig Load(SimulatedDevice d, string text)
    {
        var c = IosConfig.Factory("Router", d.PhysicalPorts);
        c.LineBlocks.Clear();
        foreach (var itf in c.Interfaces)
            if (text.Contains("\ninterface " + itf.Name + "\n", StringComparison.Ordinal)) itf.ResetPhysical(shutdown: false);
        Apply(c, text);
        return c;
    }

    /// <summary>Merges configuration text into the running configuration.</summary>
    public static void Merge(SimulatedDevice d, string text) => Apply(d.Running, text);

    private static void Apply(IosConfig c, string text)
    {
        IosInterface? itf = null;
        IosBlock? block = null;
        foreach (var raw in text.Replace("\r", "").Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('!') || trimmed == "end" ||
                trimmed.StartsWith("Building configuration", StringComparison.Ordinal) ||
                trimmed.StartsWith("Current configuration", StringComparison.Ordinal)) continue;
            if (!line.StartsWith(' ')) { itf = null; block = null; }
            try
            {
                IosApply.Line(c, trimmed, ref itf, ref block, out _);
            }
            catch (IosError)
            {
                // IOS skips lines it cannot parse when loading a file and carries on.
            }
        }
    }
}
