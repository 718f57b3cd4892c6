namespace Onboarding.Persistence;

/// <summary>
/// A persisted state that exposes a few of its fields for operators' queries. Grain storage writes them
/// as top-level item attributes beside the serialized state, so a secondary index can find records
/// without deserializing them.
/// </summary>
public interface IIndexedState
{
    /// <summary>Attribute name → value; names are stable (they are part of the table's layout).</summary>
    IReadOnlyDictionary<string, string> IndexedAttributes { get; }
}
