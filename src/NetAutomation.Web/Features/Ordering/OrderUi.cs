using MudBlazor;
using NetAutomation.Core.Ordering;

namespace NetAutomation.Web.Features.Ordering;

/// <summary>How order facts look, in one place for every page.</summary>
public static class OrderUi
{
    public static Color Color(OrderState state) => state switch
    {
        OrderState.Active => MudBlazor.Color.Success,
        OrderState.Failed or OrderState.Rejected => MudBlazor.Color.Error,
        OrderState.Provisioning or OrderState.Decommissioning => MudBlazor.Color.Info,
        OrderState.AwaitingApproval => MudBlazor.Color.Warning,
        OrderState.Cancelled or OrderState.Decommissioned => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Primary,
    };

    /// <summary>A state as people read it: <c>Awaiting approval</c>, not <c>AwaitingApproval</c>.</summary>
    public static string Label(OrderState state) => state switch
    {
        OrderState.AwaitingApproval => "Awaiting approval",
        _ => state.ToString(),
    };

    public static string Label(ServiceKind kind) => ServiceCatalog.Default(kind).Name;

    /// <summary>Whether the order may still be withdrawn: its push has not started.</summary>
    public static bool CanCancel(OrderState state) => state is OrderState.Placed or OrderState.AwaitingApproval;

    /// <summary>Share of the provisioning steps done, for a progress bar.</summary>
    public static double Progress(OrderState state, ProvisionStep step) => state switch
    {
        OrderState.Active => 100,
        OrderState.Placed => 0,
        _ => 100.0 * (int)step / (int)ProvisionStep.Done,
    };

    public static Color Color(ChangeOutcome outcome) => outcome switch
    {
        ChangeOutcome.Applied => MudBlazor.Color.Success,
        ChangeOutcome.Removed => MudBlazor.Color.Info,
        ChangeOutcome.RolledBack or ChangeOutcome.Restored => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Error,
    };

    public static string Label(ChangeOutcome outcome) => outcome == ChangeOutcome.RolledBack ? "Rolled back" : outcome.ToString();

    /// <summary>The CSS class of one line of a <c>+</c>/<c>-</c> diff, so added and removed lines read at a glance.</summary>
    public static string DiffLineClass(string line) => line.StartsWith('+') ? "na-diff-add" : line.StartsWith('-') ? "na-diff-del" : "";
}
