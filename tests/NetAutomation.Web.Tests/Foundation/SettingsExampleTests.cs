using NetAutomation.Core.Provisioning;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using NetAutomation.Core.Lab;
using NetAutomation.Testing;
using NetAutomation.Web.Features.Inventory;
using NetAutomation.Web.Features.Ordering;
using NetAutomation.Web.Setup;

namespace NetAutomation.Web.Tests.Foundation;

/// <summary>appsettings.example.json documents every setting: it loads as .NET loads settings, and names every option property.</summary>
public class SettingsExampleTests
{
    private static readonly IConfigurationRoot Example = new ConfigurationBuilder()
        .AddJsonFile(PortalProcess.RepositoryPath("appsettings.example.json"))
        .Build();

    public static TheoryData<string, Type> OptionClasses => new()
    {
        { DatabaseOptions.Section, typeof(DatabaseOptions) },
        { LabOptions.Section, typeof(LabOptions) },
        { InventoryOptions.Section, typeof(InventoryOptions) },
        { DevicesOptions.Section, typeof(DevicesOptions) },
        { ProvisioningOptions.Section, typeof(ProvisioningOptions) },
    };

    [Theory]
    [MemberData(nameof(OptionClasses))]
    public void Example_NamesEveryOptionProperty(string section, Type options)
    {
        var documented = Example.GetSection(section).GetChildren().Select(c => c.Key).ToHashSet();
        // Dictionaries show as empty objects, which configuration drops: check the raw file for those.
        var raw = File.ReadAllText(PortalProcess.RepositoryPath("appsettings.example.json"));
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            Assert.True(documented.Contains(property.Name) || raw.Contains($"\"{property.Name}\""),
                $"appsettings.example.json does not document {section}:{property.Name}.");
    }

    [Fact]
    public void Example_BindsToTheOptions_WithTheDefaults()
    {
        var db = Example.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>()!;
        Assert.Equal(DatabaseProvider.Sqlite, db.Provider);
        Assert.True(db.MigrateOnStartup);
        Assert.False(Example.GetSection(LabOptions.Section).Get<LabOptions>()!.SeedDemoUsers);
        Assert.Equal(string.Empty, Example["Redis:Configuration"]);
    }
}
