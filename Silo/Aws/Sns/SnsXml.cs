using System.Net;
using System.Xml.Linq;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// Reads SNS Query API answers. AWS puts everything in <c>http://sns.amazonaws.com/doc/2010-03-31/</c>;
/// elements are matched by local name so an answer without that namespace is read the same way.
/// </summary>
internal static class SnsXml
{
    /// <summary>Code used when an error answer is not an SNS <c>ErrorResponse</c> (e.g. a proxy's HTML page).</summary>
    public const string UnreadableErrorCode = "UnreadableErrorResponse";

    /// <summary>Code used when a success answer lacks what the action must return.</summary>
    public const string MalformedResponseCode = "MalformedResponse";

    public static XElement ReadResult(string action, string body)
    {
        XElement? root;
        try
        {
            root = XDocument.Parse(body).Root;
        }
        catch (System.Xml.XmlException)
        {
            root = null;
        }
        if (root is null) throw Malformed($"The {action} answer is not XML.");
        // Actions without output (SetTopicAttributes) may omit the Result element altogether.
        return root.Child(action + "Result") ?? new XElement(action + "Result");
    }

    public static SnsException ReadError(HttpStatusCode status, string? reasonPhrase, string body)
    {
        XElement? root = null;
        try
        {
            root = XDocument.Parse(body).Root;
        }
        catch (System.Xml.XmlException)
        {
            // Not XML: fall through to a status-only error (the body is deliberately not echoed).
        }
        // SNS answers <ErrorResponse><Error>...</Error><RequestId/></ErrorResponse>; tolerate a bare <Error> too.
        var error = root is null ? null : root.Name.LocalName == "Error" ? root : root.Child("Error");
        var code = error?.Child("Code")?.Value;
        if (root is null || error is null || string.IsNullOrEmpty(code))
        {
            return SnsErrorCodes.ToException(UnreadableErrorCode, reasonPhrase ?? status.ToString(), status, null);
        }
        var message = error.Child("Message")?.Value ?? string.Empty;
        var requestId = root.Child("RequestId")?.Value ?? error.Child("RequestId")?.Value;
        return SnsErrorCodes.ToException(code, message, status, requestId);
    }

    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static string Required(this XElement element, string localName) =>
        element.Child(localName)?.Value
        ?? throw Malformed($"The answer lacks <{localName}>.");

    private static SnsException Malformed(string message) => new(MalformedResponseCode, message, HttpStatusCode.OK, null);
}
