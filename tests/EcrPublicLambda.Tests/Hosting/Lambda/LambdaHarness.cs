using EcrPublicLambda.Configuration;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Hosting.Lambda;
using EcrPublicLambda.Hosting.Logging;
using EcrPublicLambda.Refresh;
using EcrPublicLambda.Tests.Refresh;

namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>
/// The Lambda host running against a <see cref="FakeRuntimeApi"/>, with the JSON logger and the EMF lines captured
/// from its stdout, and the calls of its refresh run recorded. <see cref="StartAsync"/> also gives it a
/// <see cref="FakeAwsServer"/> (<see cref="Aws"/>) as its only AWS: the function <see cref="FunctionName"/> in
/// <see cref="Region"/> and the deployed-fleet parameter <see cref="ParameterName"/> (not yet written).
/// </summary>
internal sealed class LambdaHarness : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource stop = new();
    private readonly HttpClient http = new();

    public const string FunctionName = "ecr-public-refresh";
    public const string Region = "eu-west-1";
    public const string ParameterName = "/EcrPublicLambda/EcrPublicLambda/deployed-fleet-sha256";

    private LambdaHarness(FakeRuntimeApi runtime, FakeAwsServer? aws = null) => (Runtime, this.aws) = (runtime, aws);

    private readonly FakeAwsServer? aws;

    public FakeRuntimeApi Runtime { get; }

    /// <summary>The AWS the host of <see cref="StartAsync"/> meets.</summary>
    public FakeAwsServer Aws => aws ?? throw new InvalidOperationException("a composed harness brings its own AWS");

    public CapturedOutput Out { get; } = new();

    public Task<int> Host { get; private set; } = Task.FromResult(-1);

    /// <summary>Builds the environment the host sees: the fake's address, a function name, plus <paramref name="variables"/>.</summary>
    public static AppEnvironment Environment(FakeRuntimeApi runtime, IReadOnlyDictionary<string, string>? variables = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [LambdaFunction.RuntimeApiVariable] = runtime.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = FunctionName,
        };
        foreach (var (key, value) in variables ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        return new AppEnvironment(all, AppContext.BaseDirectory);
    }

    public static async Task<LambdaHarness> StartAsync(
        RefreshHandler refresh,
        Func<Fleet>? loadFleet = null,
        IReadOnlyDictionary<string, string>? variables = null,
        TimeProvider? clock = null,
        StatusHandler? status = null)
    {
        var aws = await FakeAwsServer.StartAsync();
        aws.AddFunction(FunctionName, Region, 1);
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = aws.Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = FakeAwsServer.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = FakeAwsServer.SecretAccessKey,
            ["AWS_REGION"] = Region,
            [DeployedFleet.ParameterVariable] = ParameterName,
        };
        foreach (var (key, value) in variables ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var harness = new LambdaHarness(await FakeRuntimeApi.StartAsync(), aws);
        var context = harness.Context(Environment(harness.Runtime, all), clock ?? TimeProvider.System);
        harness.Host = LambdaFunction.RunAsync(context, refresh, loadFleet ?? (() => TestData.Fleet), status);
        return harness;
    }

    /// <summary>
    /// The Lambda side as production composes it (<see cref="LambdaFunction.RunAsync(HostContext)"/>: the fleet from
    /// <c>CONFIG_FILE</c>, the real AWS clients and engine) with <paramref name="variables"/> added to the environment.
    /// </summary>
    public static async Task<LambdaHarness> StartComposedAsync(IReadOnlyDictionary<string, string> variables, TimeProvider clock)
    {
        var harness = new LambdaHarness(await FakeRuntimeApi.StartAsync());
        harness.Host = LambdaFunction.RunAsync(harness.Context(Environment(harness.Runtime, variables), clock));
        return harness;
    }

    /// <summary>
    /// The environment of a composed host over <paramref name="world"/>: every AWS endpoint at its fake (SSM and Lambda
    /// too, in eu-west-1), <c>CONFIG_FILE</c> its fleet file, and the deployed-fleet parameter <paramref name="parameter"/>.
    /// </summary>
    public static Dictionary<string, string> Variables(RefreshWorld world, string parameter)
    {
        var variables = world.Variables();
        variables["CONFIG_FILE"] = world.ConfigPath;
        variables["AWS_ENDPOINT_URL_SSM"] = world.Aws.Endpoint.AbsoluteUri;
        variables["AWS_ENDPOINT_URL_LAMBDA"] = world.Aws.Endpoint.AbsoluteUri;
        variables["AWS_REGION"] = "eu-west-1";
        variables[DeployedFleet.ParameterVariable] = parameter;
        return variables;
    }

    /// <summary>A refresh run that records its calls and answers with <paramref name="report"/>.</summary>
    public static RefreshHandler Recording(List<(RefreshRequest Request, DateTimeOffset? Deadline)> calls, Func<RefreshRequest, RefreshReport> report) =>
        (fleet, request, deadline, _) =>
        {
            Assert.Same(TestData.Fleet, fleet);
            lock (calls)
            {
                calls.Add((request, deadline));
            }

            return Task.FromResult(report(request));
        };

    public HostContext Context(AppEnvironment environment, TimeProvider clock)
    {
        var logs = new JsonLoggerProvider(Out, LogLevels.Minimum(environment), clock);
        return new HostContext(environment, Out, TextWriter.Null, http, clock, logs.CreateLogger(App.LoggerCategory), stop.Token);
    }

    public async Task<FakeRuntimeApiOutcome> InvokeAsync(FakeRuntimeApiInvocation invocation) =>
        await Runtime.Enqueue(invocation).Outcome.WaitAsync(Patience);

    public Task<FakeRuntimeApiOutcome> InvokeAsync(string payload) => InvokeAsync(new FakeRuntimeApiInvocation(payload));

    /// <summary>Cancels the host and gives its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await stop.CancelAsync();
        return await Host.WaitAsync(Patience);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Host.WaitAsync(Patience);
        }
        finally
        {
            Assert.Empty(Runtime.Violations);
            await Runtime.DisposeAsync();
            if (aws is not null)
            {
                await aws.DisposeAsync();
            }

            http.Dispose();
            stop.Dispose();
        }
    }
}
