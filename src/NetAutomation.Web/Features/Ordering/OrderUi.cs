using MudBlazor;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Web.Features.Ordering;

/// <summary>How order facts look, in one place for every page.</summary>
public static class OrderUi
{
    public static Color Color(OrderState state) => state switch
    {
        OrderState.Active => MudBlazor.Color.Success,
        OrderState.Failed => MudBlazor.Color.Error,
        OrderState.Provisioning => MudBlazor.Color.Info,
        OrderState.Cancelled => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Primary,
    };

    public static string Label(ServiceKind kind) => ServiceCatalog.Default(kind).Name;

    /// <summary>Share of the provisioning steps done, for a progress bar.</summary>
    public static double Progress(OrderState state, ProvisionStep step) => state switch
    {
        OrderState.Active => 100,
        OrderState.Placed => 0,
        _ => 100.0 * (int)step / (int)ProvisionStep.Done,
    };
}
