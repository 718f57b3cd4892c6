using System.Text.Encodings.Web;

namespace Onboarding.Api.Pages.Layout;

/// <summary>Text put into HTML: every value that did not come from this code is encoded, in text and attributes alike.</summary>
public static class Html
{
    public static string Text(string? value) => HtmlEncoder.Default.Encode(value ?? "");
}
