using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SignalFactory.Orchestration.Tests.Outbox;

/// <summary>
/// A real HTTP listener on 127.0.0.1: answers the first <see cref="FailFirst"/> requests with
/// <see cref="FailureStatus"/>, then 200. Records every request body it received, with the status it answered.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _seen;

    private WebhookServer(int port, int failFirst, int failureStatus, string? retryAfter)
    {
        FailFirst = failFirst;
        FailureStatus = failureStatus;
        RetryAfter = retryAfter;
        Url = new Uri($"http://127.0.0.1:{port}/hooks/bootstrap/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public int FailFirst { get; }

    public int FailureStatus { get; }

    public string? RetryAfter { get; }

    public ConcurrentQueue<(int Status, string Body, string? EventId, string? ContentType)> Requests { get; } = new();

    public IReadOnlyList<string> AcceptedBodies => Requests.Where(r => r.Status == 200).Select(r => r.Body).ToList();

    public static WebhookServer Start(int failFirst = 0, int failureStatus = 503, string? retryAfter = null) =>
        new(FreePort(), failFirst, failureStatus, retryAfter);

    /// <summary>A loopback port nobody listens on (for connection-refused tests).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = Interlocked.Increment(ref _seen) <= FailFirst ? FailureStatus : 200;
            Requests.Enqueue((status, body, context.Request.Headers["X-Signal-Factory-Event-Id"], context.Request.ContentType));
            context.Response.StatusCode = status;
            if (status != 200 && RetryAfter is not null)
            {
                context.Response.AddHeader("Retry-After", RetryAfter);
            }

            context.Response.Close();
        }
    }
}
