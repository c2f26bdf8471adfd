using EcrPublicLambda.Benchmark;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

// 200 fake API servers are 200 web hosts: none may watch its (absent) appsettings.json, or inotify runs out.
Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

// The fakes run here and must never be the bottleneck: threads are ready for the burst of 200 TLS handshakes.
ThreadPool.SetMinThreads(Math.Max(8, Environment.ProcessorCount * 4), 8);

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}

var machine = MachineInfo.Describe();
Console.WriteLine($"EcrPublicLambda benchmark on {machine}");
var work = Directory.CreateTempSubdirectory("ecr-public-lambda-bench-").FullName;
try
{
    await using var aws = await FakeAwsServer.StartAsync();
    aws.Latency = options.Latency;

    // The bound in force is the function's compiled default (the refresh command does not override it).
    var bound = new KubernetesClusterOptions().MaxConcurrency;
    var runner = new ScenarioRunner(options, aws, work, Console.Out);
    var results = new List<ScenarioResult>();
    ColdStartResult? coldStart = null;
    foreach (var scenario in options.Scenarios)
    {
        var setup = System.Diagnostics.Stopwatch.StartNew();
        await using var fleet = await FakeFleet.StartAsync(scenario, aws, options.Latency);
        Console.WriteLine($"{scenario}: {fleet.Servers.Count} fake API servers up in {setup.Elapsed.TotalSeconds:0.0} s");
        results.Add(await runner.RunAsync(fleet, bound));
        if (coldStart is null)
        {
            Console.WriteLine($"cold start: AOT and JIT in turns, {options.ColdRuns} each after one warm-up pair");
            coldStart = await new ColdStart(options, aws, work).MeasureAsync(fleet);
        }
    }

    IReadOnlyList<RegistryComparisonResult> registries = [];
    if (options.RegistriesAb is { } shape)
    {
        await using var fleet = await FakeFleet.StartAsync(shape, aws, options.Latency);
        Console.WriteLine($"registries A/B on {shape}: one registry and four in turns, {options.AbRuns} runs each after one warm-up run each");
        registries = await new RegistryComparison(options, aws, runner, work, Console.Out).RunAsync(fleet);
    }

    var table = ResultTable.Render(machine, options, results, coldStart!, registries);
    Console.WriteLine();
    Console.WriteLine(table);
    if (options.Markdown is { } file)
    {
        await File.WriteAllTextAsync(file, table);
    }

    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}
