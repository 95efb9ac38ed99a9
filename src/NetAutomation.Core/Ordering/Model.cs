using NetAutomation.Core.Identity;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Ordering;

public enum ServiceKind { InternetAccess, PointToPoint }

/// <summary>Where an order stands. <see cref="ServiceOrder.Allowed"/> holds the moves between them.</summary>
public enum OrderState { Placed, Provisioning, Active, Failed, Cancelled, Decommissioning, Decommissioned }

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
        [OrderState.Provisioning] = [OrderState.Active, OrderState.Failed],
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
