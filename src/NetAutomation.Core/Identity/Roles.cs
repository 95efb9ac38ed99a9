namespace NetAutomation.Core.Identity;

/// <summary>The three kinds of people who use the portal. Role names are stored in Identity's role table.</summary>
public static class Roles
{
    public const string Customer = "Customer";
    public const string Noc = "Noc";
    public const string Admin = "Admin";

    /// <summary>Comma list for <c>[Authorize(Roles = ...)]</c>: staff who run the network.</summary>
    public const string Staff = Noc + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Customer, Noc, Admin];
}
