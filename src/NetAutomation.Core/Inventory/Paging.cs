using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace NetAutomation.Core.Inventory;

/// <summary>A page of a list: 1-based page number, size, a sort column by name and a free-text search.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = 25, string? Sort = null, bool Descending = false, string? Search = null)
{
    public const int MaxPageSize = 500;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int PageNumber, int PageSize);

public static class Paging
{
    /// <summary>
    /// Checks the request, sorts by the named column (the first one is the default), counts, and projects one page.
    /// Sorting happens on the entity, before the projection, so the database does it.
    /// </summary>
    public static async Task<Page<TRow>> ToPageAsync<TEntity, TRow>(
        this IQueryable<TEntity> query,
        PageRequest request,
        IReadOnlyDictionary<string, Expression<Func<TEntity, object?>>> sorts,
        Expression<Func<TEntity, TRow>> select,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.Page < 1) errors.Add("page", $"Page must be 1 or more; it is {request.Page}.");
        if (request.PageSize is < 1 or > PageRequest.MaxPageSize) errors.Add("pageSize", $"Page size must be between 1 and {PageRequest.MaxPageSize}; it is {request.PageSize}.");
        InventoryRules.Text(errors, "search", request.Search, InventoryRules.NameLength, label: "Search");
        var sortKey = string.IsNullOrWhiteSpace(request.Sort) ? sorts.Keys.First() : request.Sort.Trim();
        var sort = sorts.FirstOrDefault(s => string.Equals(s.Key, sortKey, StringComparison.OrdinalIgnoreCase)).Value;
        if (sort is null) errors.Add("sort", $"Cannot sort by '{sortKey}'; use one of: {string.Join(", ", sorts.Keys)}.");
        errors.ThrowIfAny();

        var total = await query.CountAsync(ct);
        var ordered = request.Descending ? query.OrderByDescending(sort!) : query.OrderBy(sort!);
        ordered = ordered.ThenBy(e => EF.Property<object>(e!, "Id")); // a stable order, so rows do not jump between pages
        var items = await ordered.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).Select(select).ToListAsync(ct);
        return new Page<TRow>(items, total, request.Page, request.PageSize);
    }

    /// <summary>The trimmed search text, or null when there is none.</summary>
    public static string? SearchText(this PageRequest request) => string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim();
}
