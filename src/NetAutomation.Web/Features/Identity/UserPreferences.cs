using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NetAutomation.Core.Data;

namespace NetAutomation.Web.Features.Identity;

/// <summary>Per-user display preferences, stored on the account so they follow the user to any browser.</summary>
public sealed class UserPreferences(IDbContextFactory<PortalDbContext> dbs)
{
    public async Task<bool> GetDarkModeAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return false;
        await using var db = await dbs.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == id).Select(u => u.PrefersDarkMode).FirstOrDefaultAsync();
    }

    public async Task SetDarkModeAsync(ClaimsPrincipal user, bool dark)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return;
        await using var db = await dbs.CreateDbContextAsync();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PrefersDarkMode, dark));
    }
}
