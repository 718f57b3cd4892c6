using System.Text.RegularExpressions;
using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Unit.Customers;

/// <summary>README's state diagram is what readers see first: it must draw exactly the transition table.</summary>
public sealed partial class StateDiagramTests
{
    [Fact]
    public void The_README_diagram_draws_exactly_the_transition_table()
    {
        var drawn = DrawnMoves(File.ReadAllText(Path.Combine(LocalAwsStandIns.RepositoryRoot, "README.md")));
        var table = OnboardingStateMachine.Table.Select(t => (t.From, t.Trigger, t.To)).ToHashSet();

        Assert.NotEmpty(drawn);
        Assert.Empty(table.Except(drawn));   // rows the diagram misses
        Assert.Empty(drawn.Except(table));   // arrows the table does not allow
    }

    private static HashSet<(OnboardingState, OnboardingTrigger, OnboardingState)> DrawnMoves(string readme)
    {
        var block = MermaidBlock().Match(readme);
        Assert.True(block.Success, "README.md has no ```mermaid stateDiagram block");
        return Arrow().Matches(block.Groups["body"].Value)
            .Select(m => (Enum.Parse<OnboardingState>(m.Groups["from"].Value),
                          Enum.Parse<OnboardingTrigger>(m.Groups["trigger"].Value),
                          Enum.Parse<OnboardingState>(m.Groups["to"].Value)))
            .ToHashSet();
    }

    [GeneratedRegex(@"```mermaid\s*\n(?<body>stateDiagram[^`]*)```")]
    private static partial Regex MermaidBlock();

    // "[*] --> None" has no trigger and is not a row of the table.
    [GeneratedRegex(@"^\s*(?<from>\w+)\s*-->\s*(?<to>\w+)\s*:\s*(?<trigger>\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Arrow();
}
