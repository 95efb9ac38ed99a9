namespace NetAutomation.Core.Identity;

/// <summary>A customer organisation. Everything a customer sees (sites, orders, services) belongs to one tenant.</summary>
public sealed class Tenant
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Short lower-case key used in URLs and topics, e.g. <c>acme</c>.</summary>
    public required string Slug { get; set; }
}
