using Orleans.Storage;

namespace Onboarding.Silo.Dependencies;

public static class OutageTranslationServiceCollectionExtensions
{
    /// <summary>Wraps the grain storage registered as <paramref name="name"/> in an <see cref="OutageTranslatingGrainStorage"/>.</summary>
    public static IServiceCollection TranslateOutagesOfGrainStorage(this IServiceCollection services, string name)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, name))
            ?? throw new InvalidOperationException($"No grain storage named '{name}' is registered.");
        var inner = registered.KeyedImplementationFactory
            ?? throw new InvalidOperationException($"The grain storage named '{name}' is not registered through a factory.");
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, key) =>
            new OutageTranslatingGrainStorage((IGrainStorage)inner(sp, key), sp.GetRequiredService<DependencyOutageTranslator>()));
        return services;
    }
}
