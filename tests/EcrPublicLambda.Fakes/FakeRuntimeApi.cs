using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// The Lambda Runtime API (2018-06-01) on a real Kestrel server at 127.0.0.1, port chosen by the OS. Queue
/// invocations with <see cref="Enqueue(FakeRuntimeApiInvocation)"/>; <c>/next</c> long-polls until one is queued,
/// answers are recorded on the invocation, an init error on <see cref="InitError"/>. Answers for unknown ids or
/// second answers get 400 as Lambda gives them, and are listed in <see cref="Violations"/>.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly Channel<FakeRuntimeApiInvocation> queue = Channel.CreateUnbounded<FakeRuntimeApiInvocation>();
    private readonly ConcurrentDictionary<string, FakeRuntimeApiInvocation> handedOut = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<FakeRuntimeApiOutcome> initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> violations = new();
    private readonly Lock gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> pollWaiters = [];
    private WebApplication? app;
    private int polls;

    private FakeRuntimeApi()
    {
    }

    /// <summary><c>host:port</c>, the value for <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; private set; } = string.Empty;

    public Task<FakeRuntimeApiOutcome> InitError => initError.Task;

    public IReadOnlyCollection<string> Violations => violations;

    /// <summary>How many <c>/next</c> requests arrived so far.</summary>
    public int Polls => Volatile.Read(ref polls);

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var fake = new FakeRuntimeApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet($"{Prefix}/invocation/next", fake.NextAsync);
        app.MapPost($"{Prefix}/invocation/{{id}}/response", (HttpContext context, string id) => fake.AnswerAsync(context, id, isError: false));
        app.MapPost($"{Prefix}/invocation/{{id}}/error", (HttpContext context, string id) => fake.AnswerAsync(context, id, isError: true));
        app.MapPost($"{Prefix}/init/error", fake.InitErrorAsync);
        await app.StartAsync();
        fake.app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.Address = new Uri(address).Authority;
        return fake;
    }

    public FakeRuntimeApiInvocation Enqueue(string payload) => Enqueue(new FakeRuntimeApiInvocation(payload));

    public FakeRuntimeApiInvocation Enqueue(FakeRuntimeApiInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!queue.Writer.TryWrite(invocation))
        {
            throw new InvalidOperationException("the invocation queue is closed");
        }
        return invocation;
    }

    /// <summary>Completes once <paramref name="count"/> <c>/next</c> requests have arrived (the runtime is waiting for work).</summary>
    public Task WaitForPollsAsync(int count)
    {
        lock (gate)
        {
            if (polls >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            pollWaiters.Add((count, signal));
            return signal.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private async Task NextAsync(HttpContext context)
    {
        lock (gate)
        {
            polls++;
            foreach (var waiter in pollWaiters.Where(waiter => polls >= waiter.Count).ToList())
            {
                pollWaiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }

        FakeRuntimeApiInvocation invocation;
        try
        {
            invocation = await queue.Reader.ReadAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return; // the runtime went away while waiting
        }

        handedOut[invocation.RequestId] = invocation;
        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
        if (invocation.DeadlineHeader is not null)
        {
            headers["Lambda-Runtime-Deadline-Ms"] = invocation.DeadlineHeader;
        }

        if (invocation.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(invocation.Payload));
    }

    private async Task AnswerAsync(HttpContext context, string id, bool isError)
    {
        var outcome = await ReadOutcomeAsync(context, isError);
        if (!handedOut.TryGetValue(id, out var invocation))
        {
            violations.Enqueue($"answer for unknown request id {id}");
            await RejectAsync(context, "InvalidRequestID", "Invalid request ID");
        }
        else if (!invocation.TryComplete(outcome))
        {
            violations.Enqueue($"second answer for request id {id}");
            await RejectAsync(context, "InvalidStateTransition", "Response already accepted");
        }
        else
        {
            await AcceptAsync(context);
        }
    }

    private async Task InitErrorAsync(HttpContext context)
    {
        if (!initError.TrySetResult(await ReadOutcomeAsync(context, isError: true)))
        {
            violations.Enqueue("second init error");
        }

        await AcceptAsync(context);
    }

    private static async Task<FakeRuntimeApiOutcome> ReadOutcomeAsync(HttpContext context, bool isError)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var errorType = context.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var values) ? values.ToString() : null;
        return new FakeRuntimeApiOutcome(isError, body, context.Request.ContentType, errorType);
    }

    private static Task AcceptAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("""{"status":"OK"}""");
    }

    private static Task RejectAsync(HttpContext context, string errorType, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync($$"""{"errorMessage":"{{message}}","errorType":"{{errorType}}"}""");
    }
}
