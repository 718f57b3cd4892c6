using System.Text.Json;
using Onboarding.CustomerSimulation.CloudFormation;

namespace Onboarding.CustomerSimulator;

/// <summary>The stack 'onboard' launched, kept on disk so that 'update' and 'delete' can address it later.</summary>
public sealed record StackFile(LaunchedStack Stack, string PhysicalResourceId)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string PathFor(string directory, string accountId) => System.IO.Path.Combine(directory, $"{accountId}.json");

    public async Task SaveAsync(string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(PathFor(directory, Stack.AccountId), JsonSerializer.Serialize(this, Json));
    }

    public static async Task<StackFile> LoadAsync(string directory, string accountId)
    {
        var path = PathFor(directory, accountId);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No stack was launched for {accountId} from this folder ({path}); run 'onboard {accountId}' first.");
        return JsonSerializer.Deserialize<StackFile>(await File.ReadAllTextAsync(path), Json)
            ?? throw new InvalidDataException($"{path} holds no stack.");
    }
}
