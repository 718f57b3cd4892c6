namespace Onboarding.Api.Pages.Layout;

/// <summary>Reads a posted form; a body that is no form (or a malformed one) reads as an empty form, never as a server error.</summary>
public static class PostedForm
{
    public static async Task<IFormCollection> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return FormCollection.Empty;
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or BadHttpRequestException)
        {
            return FormCollection.Empty;
        }
    }
}
