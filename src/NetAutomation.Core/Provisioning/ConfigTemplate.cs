using NetAutomation.Core.Ordering;

namespace NetAutomation.Core.Provisioning;

/// <summary>Whether a template puts a service on a device or takes it off again.</summary>
public enum TemplateVariant { Apply, Remove }

/// <summary>A Liquid template for one service kind on one platform; admins edit it, the orchestrator renders it.</summary>
public sealed class ConfigTemplate
{
    public int Id { get; set; }
    public ServiceKind Kind { get; set; }
    /// <summary>The platform's driver key, e.g. <c>ios</c>.</summary>
    public required string Platform { get; set; }
    public TemplateVariant Variant { get; set; }
    public required string Body { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public string Name => $"{Kind}/{Platform}/{Variant}";
}
