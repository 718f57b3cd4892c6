using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Onboarding.Api.Auth;

namespace Onboarding.Api.Hosting;

/// <summary>
/// Documents the API-key scheme and puts it on every operation that requires authorization, with
/// the role it needs, so clients know which key each call takes.
/// </summary>
public sealed class ApiKeySecuritySchemeTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key with the partner role (start, read, refresh a launch URL) or the operator role (everything).",
        };
        document.Info.Description = "Onboards a SaaS partner's customers' AWS accounts through a cross-account IAM role.";
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var policies = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        if (policies.Count == 0) return Task.CompletedTask;
        var role = policies.Contains(ApiRoles.OperatorPolicy) ? ApiRoles.Operator : ApiRoles.Partner;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, context.Document)] = [role],
        });
        operation.Description = $"{operation.Description} Requires an API key with the {role} role.".Trim();
        return Task.CompletedTask;
    }
}
