using Onboarding.Silo.Configuration;
using Onboarding.Silo.Hosting;

namespace Onboarding.Silo;

/// <summary>The silo process: the Orleans host with the service's grains, storage and AWS adapters.</summary>
public static class SiloProgram
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            var builder = Host.CreateApplicationBuilder(args);
            builder.AddOnboardingSilo();
            await builder.Build().ValidateConfiguration().RunAsync();
            return 0;
        }
        catch (Exception exception) when (ConfigurationProblems.Of(exception) is { Count: > 0 } problems)
        {
            // Fail fast with one line per wrong setting, nothing else to read through.
            foreach (var problem in problems.Distinct()) Console.Error.WriteLine($"configuration error: {problem}");
            return 2;
        }
    }
}
