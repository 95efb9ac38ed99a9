namespace NetAutomation.Core.Provisioning;

/// <summary>The <c>Provisioning</c> section: when a change needs the NOC's approval, and how a dead job is noticed.</summary>
public sealed class ProvisioningOptions
{
    public const string Section = "Provisioning";

    /// <summary>
    /// A change whose blast radius (devices it touches plus the other active services on those devices) is above this
    /// waits for a NOC user to approve it. 0 sends every change to the approvals queue.
    /// </summary>
    public int ApprovalThreshold { get; set; } = 20;

    /// <summary>
    /// How long a provisioning run holds an order without renewing its lease (it renews every third of this). When a
    /// run dies with the process, the order is resumed this long after, at the latest.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often the sweeper looks for orders whose run died or never started.</summary>
    public int SweepSeconds { get; set; } = 30;
}
