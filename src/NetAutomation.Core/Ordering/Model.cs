using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Ordering;

public enum ServiceKind { InternetAccess, PointToPoint }

/// <summary>Where an order stands. <see cref="ServiceOrder.Allowed"/> holds the moves between them.</summary>
public enum OrderState { Placed, Provisioning, AwaitingApproval, Active, Failed, Cancelled, Rejected, Decommissioning, Decommissioned }

/// <summary>The orchestrator's persisted steps, in order: a job that dies resumes (or compensates) from the order's step.</summary>
public enum ProvisionStep { Plan, PreCheck, Push, Verify, Commit, Activate, Done }

/// <summary>What happened to one device of an order.</summary>
public enum DeviceChangeState { Planned, BackedUp, Pushed, Verified, Committed, RolledBack, Failed }

/// <summary>A customer's request for a service, and the story of its provisioning.</summary>
public sealed class ServiceOrder
{
    public int Id { get; set; }
    public int TenantId { get; set; }
    public Tenant? Tenant { get; set; }
    public ServiceKind Kind { get; set; }
    public int SiteAId { get; set; }
    public Site? SiteA { get; set; }
    public int? SiteBId { get; set; }
    public Site? SiteB { get; set; }
    public int BandwidthMbps { get; set; }
    /// <summary>Internet access: the length of the customer's IPv4 block (29 or 30).</summary>
    public int? PrefixLength { get; set; }
    /// <summary>Point-to-point: the links of the path, as <c>|id|id|</c> (for capacity accounting and fault impact).</summary>
    public string? PathLinks { get; set; }
    /// <summary>The path as people read it: <c>edge1 > agg1 > core1 > agg3 > edge3</c>.</summary>
    public string? PathDescription { get; set; }
    /// <summary>The customer's own name for the service, checked like any text that may reach a device.</summary>
    public required string Reference { get; set; }
    public required string RequestedBy { get; set; }

    public OrderState State { get; set; } = OrderState.Placed;
    public ProvisionStep Step { get; set; } = ProvisionStep.Plan;
    public string? FailureReason { get; set; }
    /// <summary>Devices touched plus other active services on them, measured at pre-check; above the threshold the NOC must approve.</summary>
    public int? BlastRadius { get; set; }
    /// <summary>The NOC user who let a change past the approval gate, when, and why.</summary>
    public string? ApprovedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovalNote { get; set; }
    /// <summary>Who asked for the service to be taken away.</summary>
    public string? DecommissionRequestedBy { get; set; }
    /// <summary>The failed order this one retries, when the NOC retried it.</summary>
    public int? RetryOf { get; set; }
    /// <summary>Which job run owns the order's devices, and until when: a run that dies stops renewing it, and the sweeper resumes the order.</summary>
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Optimistic concurrency: a job and a cancel cannot both save over each other.</summary>
    public int Version { get; set; }

    public List<OrderEvent> Timeline { get; set; } = [];
    public List<OrderDevice> Devices { get; set; } = [];
    public List<OrderResource> Resources { get; set; } = [];

    public static readonly IReadOnlyDictionary<OrderState, OrderState[]> Allowed = new Dictionary<OrderState, OrderState[]>
    {
        [OrderState.Placed] = [OrderState.Provisioning, OrderState.Cancelled, OrderState.Failed],
        [OrderState.Provisioning] = [OrderState.AwaitingApproval, OrderState.Active, OrderState.Failed],
        [OrderState.AwaitingApproval] = [OrderState.Provisioning, OrderState.Rejected, OrderState.Cancelled],
        [OrderState.Rejected] = [],
        [OrderState.Failed] = [],
        [OrderState.Active] = [OrderState.Decommissioning],
        [OrderState.Decommissioning] = [OrderState.Decommissioned, OrderState.Active],
        [OrderState.Decommissioned] = [],
        [OrderState.Cancelled] = [],
    };

    /// <summary>Moves the order, checking the move is allowed, and records why on the timeline.</summary>
    public OrderEvent MoveTo(OrderState next, string why, DateTime now)
    {
        if (!Allowed[State].Contains(next))
            throw new ConflictException($"Order {Id} cannot go from {State} to {next}.");
        State = next;
        return Record(why, now);
    }

    /// <summary>Records progress without a change of state (a step started, device k of n done).</summary>
    public OrderEvent Record(string message, DateTime now)
    {
        UpdatedAt = now;
        var e = new OrderEvent { At = now, State = State, Step = Step, Message = message };
        Timeline.Add(e);
        return e;
    }
}

/// <summary>One line of an order's timeline: what the customer, the NOC and the API all see.</summary>
public sealed class OrderEvent
{
    public long Id { get; set; }
    public int OrderId { get; set; }
    public DateTime At { get; set; }
    public OrderState State { get; set; }
    public ProvisionStep Step { get; set; }
    public required string Message { get; set; }
}

/// <summary>A resource held for an order (a VLAN, a prefix), by its inventory allocation.</summary>
public sealed class OrderResource
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int AllocationId { get; set; }
    /// <summary>As people read it: <c>VLAN 120 on edge1</c>, <c>100.64.0.8/29</c>.</summary>
    public required string Description { get; set; }
}

/// <summary>One device an order touches: its rendered change, its backup and what the push did (the change record).</summary>
public sealed class OrderDevice
{
    public int Id { get; set; }
    public int OrderId { get; set; }
    public int DeviceId { get; set; }
    public int Position { get; set; }
    public required string Hostname { get; set; }
    /// <summary>What the device does for the service: <c>edge</c> (the customer's router) or <c>upstream</c> (routes towards the edge).</summary>
    public string Role { get; set; } = DeviceRoles.Edge;
    /// <summary>The template values this device's configuration was rendered with (JSON), so its removal renders from the same facts.</summary>
    public string Values { get; set; } = "{}";
    public DeviceChangeState State { get; set; } = DeviceChangeState.Planned;
    /// <summary>The configuration lines rendered for this device.</summary>
    public string Config { get; set; } = "";
    /// <summary>The running configuration before the change, byte for byte.</summary>
    public string? Backup { get; set; }
    /// <summary>The diff the change applied.</summary>
    public string? Diff { get; set; }
    /// <summary>The device's own message when it refused or failed.</summary>
    public string? Message { get; set; }
}

/// <summary>The part a device plays in a service, which the templates branch on.</summary>
public static class DeviceRoles
{
    public const string Edge = "edge";
    public const string Upstream = "upstream";
}

public enum ChangeOutcome { Applied, RolledBack, Removed, Restored, Failed }

/// <summary>
/// The change record: one change the portal made to one device's running configuration: before, after, the diff, who
/// asked for it, why, and for which order. Shown on the device page and the service page.
/// </summary>
public sealed class DeviceChange
{
    public long Id { get; set; }
    public int DeviceId { get; set; }
    public required string Hostname { get; set; }
    public int? OrderId { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Reason { get; set; }
    public ChangeOutcome Outcome { get; set; }
    public required string Before { get; set; }
    public required string After { get; set; }
    public required string Diff { get; set; }
}

/// <summary>An offer in the service catalog as admins keep it: its name, its words and the choices customers get.</summary>
public sealed class CatalogOffer
{
    public ServiceKind Kind { get; set; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    /// <summary>The bandwidths offered, in Mbps, comma-separated and ascending.</summary>
    public required string BandwidthsMbps { get; set; }
    /// <summary>The IPv4 block lengths offered (Internet Access), comma-separated; empty for services without a block.</summary>
    public string PrefixLengths { get; set; } = "";
    /// <summary>Customers see and order only enabled offers.</summary>
    public bool Enabled { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
