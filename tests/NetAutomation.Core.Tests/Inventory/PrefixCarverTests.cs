using System.Net;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Core.Tests.Inventory;

public class PrefixCarverTests
{
    private static IPNetwork2 Net(string text) => IPNetwork2.Parse(text);

    [Theory]
    [InlineData("10.0.0.0/24", 31, "128")]
    [InlineData("10.0.0.0/24", 32, "256")]
    [InlineData("10.0.0.0/29", 29, "1")]
    [InlineData("198.51.100.0/24", 30, "64")]
    [InlineData("2001:db8::/48", 64, "65536")]
    [InlineData("2001:db8::/32", 128, "79228162514264337593543950336")]
    public void ChildCount_IsTwoToTheDifference(string parent, byte length, string expected) =>
        Assert.Equal(expected, PrefixCarver.ChildCount(Net(parent), length).ToString());

    [Fact]
    public void FreeChildren_SkipsUsed_InAddressOrder()
    {
        var free = PrefixCarver.FreeChildren(Net("10.0.0.0/29"), 31, new HashSet<string> { "10.0.0.0/31", "10.0.0.4/31" }, 10);
        Assert.Equal(["10.0.0.2/31", "10.0.0.6/31"], free);
    }

    [Fact]
    public void FreeChildren_IsEmpty_WhenEveryChildIsUsed()
    {
        var used = new HashSet<string> { "10.0.0.0/30", "10.0.0.4/30" };
        Assert.Empty(PrefixCarver.FreeChildren(Net("10.0.0.0/29"), 30, used, 10));
    }

    [Fact]
    public void FreeChildren_OfHugeIPv6Pool_StopsAtTheLimit()
    {
        var free = PrefixCarver.FreeChildren(Net("2001:db8::/32"), 127, new HashSet<string> { "2001:db8::/127" }, 3);
        Assert.Equal(["2001:db8::2/127", "2001:db8::4/127", "2001:db8::6/127"], free);
    }

    [Theory]
    [InlineData("10.0.0.0/24", 32, "10.0.0.0/32")] // loopbacks
    [InlineData("10.0.0.0/24", 29, "10.0.0.0/29")] // customer blocks
    [InlineData("2001:db8:100::/40", 48, "2001:db8:100::/48")]
    public void FreeChildren_MixedLengths_StartAtTheParentNetwork(string parent, byte length, string first) =>
        Assert.Equal(first, PrefixCarver.FreeChildren(Net(parent), length, new HashSet<string>(), 1).Single());
}
