using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Api.Problems;

namespace Onboarding.Tests.Unit.Problems;

/// <summary>The net under every binding failure: 400 invalid-request naming the parameter, echoing nothing.</summary>
public sealed class BadRequestExceptionHandlerTests
{
    [Fact]
    public async Task A_binding_failure_is_a_400_naming_the_parameter_and_not_its_value()
    {
        var (handled, status, problem) = await HandleAsync(new BadHttpRequestException("Failed to bind parameter \"int? limit\" from \"<script>\"."));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(ProblemTypes.InvalidRequest, problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
        Assert.DoesNotContain("<script>", problem.GetRawText());
    }

    [Fact]
    public async Task Other_unreadable_requests_keep_their_status_and_other_exceptions_are_not_handled()
    {
        var (handled, status, _) = await HandleAsync(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        Assert.True(handled);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);

        var (bug, _, _) = await HandleAsync(new InvalidOperationException("a bug"));
        Assert.False(bug);
    }

    private static async Task<(bool Handled, int Status, JsonElement Problem)> HandleAsync(Exception exception)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        var handled = await new BadRequestExceptionHandler().TryHandleAsync(context, exception, CancellationToken.None);

        context.Response.Body.Position = 0;
        var body = context.Response.Body.Length > 0 ? JsonDocument.Parse(context.Response.Body).RootElement : default;
        return (handled, context.Response.StatusCode, body);
    }
}
