using MudBlazor;

namespace NetAutomation.Web.Components.Layout;

/// <summary>The portal's colours, in one place for every layout.</summary>
public static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#0d2c54",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            Secondary = "#4db6ac",
            AppbarBackground = "#0b1a2e",
        },
    };
}
