using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SignalFactory.Orchestration.Outbox;

/// <summary>
/// POSTs each event's JSON payload to a URL. 2xx is delivered; 408, 429, 5xx, timeouts and connection errors are
/// retried later (honouring Retry-After); any other status (other 4xx, redirects, which are not followed) gives up.
/// Errors name the status or the kind of network failure, never the URL (it may hold a token).
/// </summary>
public sealed class WebhookEventSink : IEventSink
{
    /// <summary>The sink name.</summary>
    public const string SinkName = "webhook";

    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly TimeSpan _timeout;

    /// <summary>A sink posting to <paramref name="url"/> through <paramref name="http"/>, each request limited to <paramref name="timeout"/>.</summary>
    public WebhookEventSink(HttpClient http, Uri url, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _http = http;
        _url = url;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public string Name => SinkName;

    /// <summary>A client for webhooks: redirects are not followed (a POST must not turn into a GET elsewhere).</summary>
    public static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

    /// <inheritdoc />
    public async Task<SinkResult> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, _url)
        {
            Content = new StringContent(message.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Signal-Factory-Event-Id", message.MessageId);
        request.Headers.Add("X-Signal-Factory-Event-Type", message.Kind);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var status = $"HTTP {code.ToString(CultureInfo.InvariantCulture)} {response.ReasonPhrase}".TrimEnd();
            if (response.IsSuccessStatusCode)
            {
                return SinkResult.Ok;
            }

            if (response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || code >= 500)
            {
                return new SinkResult(SinkOutcome.Retry, status, RetryAfter(response.Headers.RetryAfter));
            }

            var why = code is >= 300 and < 400 ? $"{status}: redirects are not followed; configure the final URL" : status;
            return new SinkResult(SinkOutcome.GiveUp, why);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SinkResult(SinkOutcome.Retry, $"no answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            var detail = exception.InnerException?.Message ?? exception.HttpRequestError.ToString();
            return new SinkResult(SinkOutcome.Retry, $"{exception.HttpRequestError}: {detail}");
        }
    }

    // An absolute Retry-After date is ignored: it depends on the receiver's clock, and the backoff still applies.
    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header?.Delta;
}
