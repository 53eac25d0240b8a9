namespace SignalFactory.Orchestration.Outbox;

/// <summary>
/// Where outbox events go (<c>sf config set notify.webhook_url URL</c>, <c>notify.jsonl_path PATH</c>); an empty
/// value turns a sink off. A relative JSON-lines path is taken from the workspace folder.
/// </summary>
/// <param name="WebhookUrl">The webhook, or null.</param>
/// <param name="JsonLinesPath">The JSON-lines file as configured, or null.</param>
public sealed record NotificationSettings(Uri? WebhookUrl, string? JsonLinesPath)
{
    /// <summary>No sinks.</summary>
    public static NotificationSettings None { get; } = new(null, null);

    /// <summary>Per-request webhook timeout.</summary>
    public static TimeSpan WebhookTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>The names of the configured sinks, in order.</summary>
    public IReadOnlyList<string> SinkNames =>
        [.. new[] { WebhookUrl is null ? null : WebhookEventSink.SinkName, JsonLinesPath is null ? null : JsonLinesEventSink.SinkName }.OfType<string>()];

    /// <summary>The configured sinks; <paramref name="workspaceRoot"/> anchors a relative JSON-lines path.</summary>
    public IReadOnlyList<IEventSink> CreateSinks(string workspaceRoot, HttpClient http)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceRoot);
        ArgumentNullException.ThrowIfNull(http);
        var sinks = new List<IEventSink>();
        if (WebhookUrl is not null)
        {
            sinks.Add(new WebhookEventSink(http, WebhookUrl, WebhookTimeout));
        }

        if (JsonLinesPath is not null)
        {
            sinks.Add(new JsonLinesEventSink(Path.GetFullPath(JsonLinesPath, workspaceRoot)));
        }

        return sinks;
    }

    /// <summary>Why <paramref name="value"/> is not a webhook URL; null when it is one (or empty: off).</summary>
    public static string? CheckWebhookUrl(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            return "must be an absolute http:// or https:// URL (or empty to turn the webhook off)";
        }

        return uri.Fragment.Length > 0 ? "must not contain a #fragment" : null;
    }

    /// <summary>Why <paramref name="value"/> is not a usable file path; null when it is one (or empty: off).</summary>
    public static string? CheckJsonLinesPath(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (text.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || text.Contains('\0', StringComparison.Ordinal))
        {
            return "contains characters that are not allowed in a path";
        }

        return text.EndsWith('/') || text.EndsWith(Path.DirectorySeparatorChar) ? "must name a file, not a folder" : null;
    }

    /// <summary>Settings from stored values (null or empty: off); values are assumed checked.</summary>
    public static NotificationSettings From(string? webhookUrl, string? jsonLinesPath) => new(
        string.IsNullOrWhiteSpace(webhookUrl) ? null : new Uri(webhookUrl.Trim(), UriKind.Absolute),
        string.IsNullOrWhiteSpace(jsonLinesPath) ? null : jsonLinesPath.Trim());
}
