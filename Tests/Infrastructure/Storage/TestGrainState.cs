using System.Diagnostics.CodeAnalysis;
using Orleans;

namespace Onboarding.Tests.Infrastructure.Storage;

/// <summary>
/// An <see cref="IGrainState{T}"/> whose <c>State</c> is non-nullable, unlike Orleans' <c>GrainState&lt;T&gt;</c> (<c>T?</c>),
/// so assertions need no null-forgiving. It starts with a null state so a read that forgets to set one fails the tests.
/// </summary>
public sealed class TestGrainState<T> : IGrainState<T>
{
    public TestGrainState()
    {
        State = default!;
    }

    public TestGrainState(T state, string? eTag = null)
    {
        State = state;
        ETag = eTag;
    }

    [AllowNull]
    public T State { get; set; }
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }
}
