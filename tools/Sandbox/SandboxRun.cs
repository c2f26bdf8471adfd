using EcrPublicLambda.Benchmark;

namespace EcrPublicLambda.Sandbox;

/// <summary>
/// One sandbox run: starts the fleet, writes its fleet into a throwaway folder, runs <c>bootstrap refresh --config
/// FILE</c> as a child process pointed at the fakes, prints the log, the report and what each namespace holds, checks
/// the outcome, and stops everything (the folder is removed).
/// </summary>
internal static class SandboxRun
{
    internal static async Task<SandboxResult> RunAsync(SandboxBootstrap bootstrap, TextWriter output)
    {
        var work = Directory.CreateTempSubdirectory("ecr-public-lambda-sandbox-");
        try
        {
            await using var fleet = await SandboxFleet.StartAsync();
            output.WriteLine($"fake AWS (ECR Public, EKS, STS): {fleet.Aws.Endpoint}");
            foreach (var cluster in SandboxFleet.Clusters)
            {
                var how = cluster.EndpointInFleet ? "endpoint and CA in the fleet" : "found through EKS DescribeCluster";
                output.WriteLine($"fake API server {cluster.Name} ({cluster.Region}): {FakeFleet.LocalhostEndpoint(fleet.Server(cluster.Name))}, namespaces {string.Join(", ", cluster.Namespaces)} ({how})");
            }

            output.WriteLine($"already there: Secret {SandboxFleet.SecretName} in {SandboxFleet.ForeignCluster} {SandboxFleet.ForeignNamespace}, made by `kubectl create` (not managed by this tool)");
            var fleetFile = Path.Combine(work.FullName, "clusters.json");
            fleet.WriteFleet(fleetFile);
            var foreignBefore = fleet.Server(SandboxFleet.ForeignCluster).Store.RawJson("secrets", SandboxFleet.ForeignNamespace, SandboxFleet.SecretName);

            string[] arguments = ["refresh", "--config", fleetFile];
            output.WriteLine();
            output.WriteLine($"$ {bootstrap} {string.Join(' ', arguments)}");
            var refresh = await bootstrap.RunAsync(arguments, ChildEnvironment.For(fleet.Aws, work.FullName));
            output.WriteLine("--- log (the bootstrap's stderr) ---");
            output.Write(refresh.StandardError);
            output.WriteLine($"--- report (the bootstrap's stdout; exit code {refresh.ExitCode}) ---");
            output.WriteLine(refresh.StandardOutput.TrimEnd());
            output.WriteLine("--- what each namespace holds now ---");
            var namespaces = fleet.DescribeNamespaces();
            foreach (var line in namespaces)
            {
                output.WriteLine(line);
            }

            return new SandboxResult(refresh, namespaces, SandboxExpectations.Check(refresh, fleet, foreignBefore));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
