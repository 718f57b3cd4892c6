namespace Onboarding.Grains.Events;

/// <summary>
/// Which URLs the service may PUT an answer to. A request's ResponseURL comes from whoever could
/// publish to the topic, so without this check the service would send requests wherever it is told
/// (instance metadata, internal services): server-side request forgery.
/// </summary>
/// <remarks>
/// An origin is <c>scheme://host[:port]</c>, nothing else (no path, query or user info); a missing port
/// means the scheme's default. In the host, a <c>*</c> label matches exactly one DNS label, and a
/// label ending in <c>*</c> (<c>s3-*</c>) matches one label that starts with the text before it. A
/// <b>leading</b> <c>*.</c> matches one or more labels: S3 virtual-hosted bucket names may contain
/// dots (<c>my.bucket.s3.amazonaws.com</c>). A wildcard never matches across the fixed labels, so
/// <c>s3.amazonaws.com.evil.com</c> never matches <c>*.s3.amazonaws.com</c>. IP literals match only an
/// origin that names the same address; URLs with user info are refused.
/// </remarks>
public sealed class ResponseUrlPolicy
{
    private const string Wildcard = "*";

    /// <summary>
    /// Where CloudFormation's presigned S3 response URLs point: virtual-hosted and path-style S3
    /// endpoints, the global one, the regional dot form (<c>s3.eu-west-1</c>), the older dash form
    /// (<c>s3-eu-west-1</c>) and the China partition's <c>amazonaws.com.cn</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultAwsOrigins { get; } =
    [
        "https://s3.amazonaws.com",
        "https://*.s3.amazonaws.com",
        "https://s3.*.amazonaws.com",
        "https://*.s3.*.amazonaws.com",
        "https://s3-*.amazonaws.com",
        "https://*.s3-*.amazonaws.com",
        "https://s3.*.amazonaws.com.cn",
        "https://*.s3.*.amazonaws.com.cn",
    ];

    private readonly IReadOnlyList<Origin> _origins;

    /// <exception cref="ArgumentException">An origin is not of the form described above.</exception>
    public ResponseUrlPolicy(IEnumerable<string> allowedOrigins)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        _origins = [.. allowedOrigins.Select(Origin.Parse)];
    }

    public bool IsAllowed(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || url.UserInfo.Length > 0) return false;
        if (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) return false;
        return _origins.Any(origin => origin.Matches(url));
    }

    private sealed record Origin(string Scheme, int Port, string? ExactIp, HostPattern? Host)
    {
        public static Origin Parse(string text)
        {
            if (!Uri.TryCreate(text?.Replace(Wildcard, WildcardStandIn, StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || uri.UserInfo.Length > 0
                || uri.PathAndQuery != "/"
                || uri.Fragment.Length > 0)
            {
                throw new ArgumentException($"'{text}' is not an origin like https://*.s3.amazonaws.com or http://127.0.0.1:4566.", nameof(text));
            }

            var host = uri.IdnHost.Replace(WildcardStandIn, Wildcard, StringComparison.Ordinal);
            return uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
                ? new Origin(uri.Scheme, uri.Port, uri.Host, null)
                : new Origin(uri.Scheme, uri.Port, null, HostPattern.Parse(host, text));
        }

        public bool Matches(Uri url)
        {
            if (url.Scheme != Scheme || url.Port != Port) return false;
            return url.HostNameType switch
            {
                UriHostNameType.IPv4 or UriHostNameType.IPv6 => ExactIp is not null && string.Equals(url.Host, ExactIp, StringComparison.OrdinalIgnoreCase),
                UriHostNameType.Dns => Host is not null && Host.Matches(url.IdnHost),
                _ => false,
            };
        }

        // Uri refuses '*' in a host name; this stand-in is a valid label character sequence nobody uses.
        private const string WildcardStandIn = "x-wildcard-x";
    }

    private sealed record HostPattern(bool LeadingMultiLabel, IReadOnlyList<string> Labels)
    {
        public static HostPattern Parse(string host, string origin)
        {
            var labels = host.Split('.');
            for (var i = 0; i < labels.Length; i++)
            {
                var wildcardAt = labels[i].IndexOf(Wildcard, StringComparison.Ordinal);
                if (labels[i].Length == 0 || (wildcardAt >= 0 && wildcardAt != labels[i].Length - 1))
                    throw new ArgumentException($"'{origin}': a wildcard must end a host label.", nameof(origin));
            }
            // "*.example.com" would otherwise also allow everything under a bare public suffix.
            if (labels.Count(l => !l.EndsWith(Wildcard, StringComparison.Ordinal)) < 2)
                throw new ArgumentException($"'{origin}': at least two fixed labels are required.", nameof(origin));

            var leading = labels[0] == Wildcard;
            return new HostPattern(leading, leading ? labels[1..] : labels);
        }

        public bool Matches(string host)
        {
            var labels = host.Split('.');
            if (labels.Any(l => !IsDnsLabel(l))) return false;
            var extra = labels.Length - Labels.Count;
            if (LeadingMultiLabel ? extra < 1 : extra != 0) return false;
            for (var i = 0; i < Labels.Count; i++)
            {
                if (!LabelMatches(Labels[i], labels[extra + i])) return false;
            }
            return true;
        }

        private static bool LabelMatches(string pattern, string label)
        {
            if (pattern == Wildcard) return true;
            if (pattern.EndsWith(Wildcard, StringComparison.Ordinal))
            {
                var prefix = pattern[..^1];
                return label.Length > prefix.Length && label.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
            }
            return string.Equals(pattern, label, StringComparison.OrdinalIgnoreCase);
        }

        private const int MaxDnsLabelLength = 63;

        private static bool IsDnsLabel(string label) =>
            label.Length is > 0 and <= MaxDnsLabelLength
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }
}
