using Onboarding.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOnboardingApi();
var app = builder.Build();
app.MapOnboardingApi();
app.Run();

/// <summary>The API's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
