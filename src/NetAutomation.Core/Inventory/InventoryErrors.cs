namespace NetAutomation.Core.Inventory;

/// <summary>
/// Why an inventory operation was refused. Pages show the message (per field for <see cref="ValidationFailedException"/>);
/// the REST API turns the kind into a status code and an RFC 7807 problem.
/// </summary>
public abstract class InventoryException(string message) : Exception(message);

/// <summary>Bad input: one or more messages per field (field names as in the command record). Nothing was written.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : InventoryException("Some fields are not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string message) : InventoryException(message);

/// <summary>The request is well formed but the inventory's state refuses it (in use, already taken, changed meanwhile).</summary>
public class ConflictException(string message) : InventoryException(message);

public sealed class PoolExhaustedException(string message) : ConflictException(message);

/// <summary>Collects messages per field while a command is checked; <see cref="ThrowIfAny"/> stops before anything is written.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void ThrowIfAny()
    {
        if (Any) throw new ValidationFailedException(ToDictionary());
    }
}
