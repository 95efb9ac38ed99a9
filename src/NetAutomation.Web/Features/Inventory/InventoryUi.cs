using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using NetAutomation.Core.Inventory;

namespace NetAutomation.Web.Features.Inventory;

/// <summary>What the inventory pages share: paging from a MudTable, the signed-in actor, and delete with confirmation.</summary>
public static class InventoryUi
{
    /// <summary>MudTable pages from 0 and names the sort in its label; the handlers page from 1.</summary>
    public static PageRequest ToRequest(TableState state, string? search) =>
        new(state.Page + 1, state.PageSize, string.IsNullOrEmpty(state.SortLabel) || state.SortDirection == SortDirection.None ? null : state.SortLabel,
            state.SortDirection == SortDirection.Descending, search);

    public static TableData<T> ToTable<T>(Page<T> page) => new() { Items = page.Items, TotalItems = page.Total };

    public static async Task<string> ActorAsync(Task<AuthenticationState>? auth) =>
        auth is null ? "unknown" : (await auth).User.Identity?.Name ?? "unknown";

    /// <summary>
    /// Asks, then deletes. A refusal (still in use, already gone) is shown as the handler worded it; returns whether it was deleted.
    /// </summary>
    public static async Task<bool> ConfirmDeleteAsync(IDialogService dialogs, ISnackbar snackbar, string what, Func<Task> delete)
    {
        var yes = await dialogs.ShowMessageBoxAsync("Delete", $"Delete {what}? This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (yes != true) return false;
        try
        {
            await delete();
            snackbar.Add($"Deleted {what}.", Severity.Success);
            return true;
        }
        catch (InventoryException e)
        {
            snackbar.Add(e.Message, Severity.Error);
            return false;
        }
    }
}

/// <summary>Per-field messages from a refused save, for the form fields' <c>Error</c> and <c>ErrorText</c>.</summary>
public sealed class FormErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    /// <summary>A message that belongs to no field (a conflict, a missing record).</summary>
    public string? General { get; private set; }

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? Text(string field) => _errors.TryGetValue(field, out var m) ? string.Join(" ", m) : null;

    public void Clear()
    {
        _errors = new Dictionary<string, string[]>();
        General = null;
    }

    /// <summary>Runs a save; on refusal records the messages and returns false.</summary>
    public async Task<bool> TryAsync(Func<Task> save)
    {
        Clear();
        try
        {
            await save();
            return true;
        }
        catch (ValidationFailedException e)
        {
            _errors = e.Errors;
            return false;
        }
        catch (InventoryException e)
        {
            General = e.Message;
            return false;
        }
    }
}
