using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The presigned S3 URL a CloudFormation custom-resource request carries as <c>ResponseURL</c>, on a real Kestrel
/// server at 127.0.0.1. It answers as S3 does for a URL presigned for a PUT without Content-Type: 200 with an empty body
/// for a PUT to exactly the signed path and query with no (or an empty) Content-Type and a Content-Length;
/// 403 <c>SignatureDoesNotMatch</c> for any other Content-Type, method, path or query; 411 <c>MissingContentLength</c>
/// without a Content-Length. <see cref="FailNext"/> makes the next PUTs a 503 <c>SlowDown</c>. Every request is kept.
/// </summary>
public sealed class FakeCloudFormationResponseUrl : IAsyncDisposable
{
    /// <summary>The signed query: what a log line or message must never show.</summary>
    public const string Signature = "7d1f0c0ffee5ca1ab1e0123456789abcdef0123456789abcdef0123456789ab";

    private const string SignedPath = "/cloudformation-custom-resource-response-euwest1/arn%3Aaws%3Acloudformation%3Aeu-west-1%3A123456789012%3Astack/EcrPublicLambda-Lifecycle/0a1b%7CLifecycle%7C5f2e";
    private const string SignedQuery = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261127T070000Z&X-Amz-SignedHeaders=host&X-Amz-Expires=7200"
        + "&X-Amz-Credential=AKIA6ODU5DHT7EXAMPLE%2F20261127%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Signature=" + Signature;

    private readonly ConcurrentQueue<FakeCloudFormationResponse> requests = new();
    private readonly TaskCompletionSource<FakeCloudFormationResponse> accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? app;
    private int failures;

    private FakeCloudFormationResponseUrl()
    {
    }

    /// <summary>The presigned URL to put in a request's <c>ResponseURL</c>.</summary>
    public string Url { get; private set; } = string.Empty;

    public IReadOnlyCollection<FakeCloudFormationResponse> Requests => requests;

    /// <summary>Completes with the first PUT that S3 took (200).</summary>
    public Task<FakeCloudFormationResponse> Accepted => accepted.Task;

    /// <summary>The next <paramref name="count"/> PUTs get 503 SlowDown.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failures, count);

    public static async Task<FakeCloudFormationResponseUrl> StartAsync()
    {
        var fake = new FakeCloudFormationResponseUrl();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Url = address.TrimEnd('/') + SignedPath + SignedQuery;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var contentType = request.Headers.TryGetValue("Content-Type", out var type) ? type.ToString() : null;
        var pathAndQuery = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? pathAndQuery;

        int status;
        if (request.Method != HttpMethods.Put || raw != SignedPath + SignedQuery || !string.IsNullOrEmpty(contentType))
        {
            status = StatusCodes.Status403Forbidden;
            await ErrorAsync(context, status, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        }
        else if (request.ContentLength is null)
        {
            status = StatusCodes.Status411LengthRequired;
            await ErrorAsync(context, status, "MissingContentLength", "You must provide the Content-Length HTTP header.");
        }
        else if (Interlocked.Decrement(ref failures) >= 0)
        {
            status = StatusCodes.Status503ServiceUnavailable;
            await ErrorAsync(context, status, "SlowDown", "Please reduce your request rate.");
        }
        else
        {
            status = StatusCodes.Status200OK;
            context.Response.StatusCode = status;
            context.Response.Headers.ETag = "\"d41d8cd98f00b204e9800998ecf8427e\"";
        }

        var record = new FakeCloudFormationResponse(request.Method, raw, contentType, request.ContentLength, body, status);
        requests.Enqueue(record);
        if (status == StatusCodes.Status200OK)
        {
            accepted.TrySetResult(record);
        }
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        return context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>");
    }
}
