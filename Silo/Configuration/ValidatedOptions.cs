using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Configuration;

/// <summary>
/// The one way a component built without the options pipeline (Orleans' provider factories, tests)
/// checks its settings: the same <see cref="IValidateOptions{TOptions}"/> validator the pipeline runs,
/// failing with the same <see cref="OptionsValidationException"/>.
/// </summary>
public static class ValidatedOptions
{
    public static TOptions Require<TOptions>(IValidateOptions<TOptions> validator, string? name, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(name, options);
        if (result.Failed)
            throw new OptionsValidationException(name ?? Options.DefaultName, typeof(TOptions), result.Failures ?? []);
        return options;
    }
}
