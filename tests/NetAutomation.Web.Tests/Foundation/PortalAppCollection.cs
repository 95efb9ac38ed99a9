using NetAutomation.Testing;

namespace NetAutomation.Web.Tests.Foundation;

/// <summary>One portal (SQLite, demo users) shared by the integration tests of this collection.</summary>
[CollectionDefinition(Name)]
public sealed class PortalAppCollection : ICollectionFixture<PortalApp>
{
    public const string Name = "portal";
}
