using System.Security.Claims;
using NetAutomation.Core.Identity;

namespace NetAutomation.Core.Tests;

public class TenantAccessTests
{
    private static ClaimsPrincipal User(string? role, int? tenant = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "someone") };
        if (role is not null) claims.Add(new Claim(ClaimTypes.Role, role));
        if (tenant is not null) claims.Add(new Claim(PortalClaims.TenantId, tenant.Value.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    [Fact]
    public void Customer_SeesOwnTenant_Only()
    {
        var acme = User(Roles.Customer, tenant: 1);
        Assert.True(TenantAccess.CanSeeTenant(acme, 1));
        Assert.False(TenantAccess.CanSeeTenant(acme, 2));
    }

    [Theory]
    [InlineData(Roles.Noc)]
    [InlineData(Roles.Admin)]
    public void Staff_SeeEveryTenant(string role)
    {
        var staff = User(role);
        Assert.True(TenantAccess.CanSeeTenant(staff, 1));
        Assert.True(TenantAccess.CanSeeTenant(staff, 99));
    }

    [Fact]
    public void Anonymous_SeesNothing()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());
        Assert.False(TenantAccess.CanSeeTenant(anonymous, 1));
        Assert.Null(TenantAccess.TenantOf(anonymous));
    }

    [Fact]
    public void CustomerWithoutTenantClaim_SeesNoTenant()
    {
        Assert.False(TenantAccess.CanSeeTenant(User(Roles.Customer), 1));
    }

    [Fact]
    public void SignedInUserWithoutRole_SeesNoTenant_EvenWithTenantClaim()
    {
        Assert.False(TenantAccess.CanSeeTenant(User(role: null, tenant: 1), 1));
    }

    [Fact]
    public void TenantClaim_ThatIsNotANumber_IsIgnored()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Customer), new Claim(PortalClaims.TenantId, "1 OR 1=1")], "test"));
        Assert.Null(TenantAccess.TenantOf(user));
        Assert.False(TenantAccess.CanSeeTenant(user, 1));
    }

    [Fact]
    public void ValidateAccount_AcceptsCustomerWithTenant_AndStaffWithout()
    {
        Assert.Empty(TenantAccess.ValidateAccount([Roles.Customer], 1));
        Assert.Empty(TenantAccess.ValidateAccount([Roles.Noc], null));
        Assert.Empty(TenantAccess.ValidateAccount([Roles.Admin, Roles.Noc], null));
    }

    [Fact]
    public void ValidateAccount_RefusesCustomerWithoutTenant()
    {
        var problems = TenantAccess.ValidateAccount([Roles.Customer], null);
        Assert.Contains("A customer account needs a tenant.", problems);
    }

    [Fact]
    public void ValidateAccount_RefusesStaffWithTenant()
    {
        var problems = TenantAccess.ValidateAccount([Roles.Noc], 3);
        Assert.Single(problems);
        Assert.Contains("Only customer accounts belong to a tenant", problems[0]);
    }

    [Fact]
    public void ValidateAccount_RefusesCustomerWhoIsAlsoStaff()
    {
        var problems = TenantAccess.ValidateAccount([Roles.Customer, Roles.Admin], 1);
        Assert.Contains(problems, p => p.Contains("cannot also be NOC or admin"));
    }

    [Fact]
    public void ValidateAccount_RefusesUnknownRoleAndNoRole()
    {
        Assert.Contains(TenantAccess.ValidateAccount(["Root"], null), p => p.StartsWith("Unknown role(s): Root."));
        Assert.Contains(TenantAccess.ValidateAccount([], null), p => p.StartsWith("An account needs a role"));
    }

    [Fact]
    public void TryScope_StaffSeeEveryTenant_CustomerOwnTenant_OthersNothing()
    {
        Assert.True(TenantAccess.TryScope(User(Roles.Noc), out var staff));
        Assert.Null(staff);
        Assert.True(TenantAccess.TryScope(User(Roles.Customer, tenant: 7), out var customer));
        Assert.Equal(7, customer);
        Assert.False(TenantAccess.TryScope(User(Roles.Customer), out _));
        Assert.False(TenantAccess.TryScope(User(role: null, tenant: 7), out _));
        Assert.False(TenantAccess.TryScope(new ClaimsPrincipal(new ClaimsIdentity()), out _));
    }
}
