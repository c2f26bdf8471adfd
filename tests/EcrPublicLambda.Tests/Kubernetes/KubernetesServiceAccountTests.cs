using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

public sealed class KubernetesServiceAccountTests
{
    [Fact]
    public async Task Appends_to_existing_pull_secrets_keeping_them_in_order()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "builder", ["docker-hub", "quay"]);

        var (result, error) = await test.EnsureAsync(serviceAccount: "builder");

        Assert.Equal(ServiceAccountResult.Added, result);
        Assert.Null(error);
        Assert.Equal(["docker-hub", "quay", "ecr-public-token"], test.Server.PullSecretsOf("default", "builder"));
        Assert.Equal(["GET", "PATCH"], test.Server.Requests.Select(r => r.Method));
        Assert.Equal("application/json-patch+json", test.Server.Requests[1].ContentType);
    }

    [Fact]
    public async Task Creates_the_list_when_the_service_account_has_none()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", []);

        Assert.Equal(ServiceAccountResult.Added, (await test.EnsureAsync()).Result);
        Assert.Equal(["ecr-public-token"], test.Server.PullSecretsOf("default", "default"));
    }

    [Fact]
    public async Task Already_present_is_reported_without_any_write()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", ["ecr-public-token", "other"]);
        var before = test.Server.Store.RawJson("serviceaccounts", "default", "default");

        var (result, error) = await test.EnsureAsync();

        Assert.Equal(ServiceAccountResult.Present, result);
        Assert.Null(error);
        Assert.Equal(["GET"], test.Server.Requests.Select(r => r.Method));
        Assert.Equal(before, test.Server.Store.RawJson("serviceaccounts", "default", "default"));
    }

    [Fact]
    public async Task A_change_between_read_and_patch_is_retried_and_nothing_is_lost()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", ["docker-hub"]);
        var raced = 0;
        test.Server.BeforeHandle = request =>
        {
            // Another controller appends its own pull secret just before our first patch lands.
            if (request.Method == "PATCH" && Interlocked.Exchange(ref raced, 1) == 0)
            {
                test.Server.Store.Patch("serviceaccounts", "default", "default", "json",
                    JsonNode.Parse("""[{"op":"add","path":"/imagePullSecrets/-","value":{"name":"team-registry"}}]""")!, "other-controller", dryRun: false);
            }
        };

        var (result, error) = await test.EnsureAsync();

        Assert.Equal(ServiceAccountResult.Added, result);
        Assert.Null(error);
        Assert.Equal(["docker-hub", "team-registry", "ecr-public-token"], test.Server.PullSecretsOf("default", "default"));
        Assert.Equal([200, 422, 200, 200], test.Server.Requests.Select(r => r.StatusCode));
        Assert.Equal(["GET", "PATCH", "GET", "PATCH"], test.Server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task A_service_account_that_keeps_changing_fails_after_the_bound()
    {
        await using var test = await ClusterUnderTest.StartAsync(clusterOptions: new() { ServiceAccountAttempts = 3 });
        test.Server.SeedServiceAccount("default", "default", ["docker-hub"]);
        test.Server.BeforeHandle = request =>
        {
            if (request.Method == "PATCH")
            {
                test.Server.Store.Patch("serviceaccounts", "default", "default", "merge",
                    JsonNode.Parse("""{"metadata":{"labels":{"touched":"yes"}}}""")!, "busy-controller", dryRun: false);
                test.Server.Store.Patch("serviceaccounts", "default", "default", "merge",
                    JsonNode.Parse("""{"metadata":{"labels":{"touched":null}}}""")!, "busy-controller", dryRun: false);
            }
        };

        var (result, error) = await test.EnsureAsync();

        Assert.Equal(ServiceAccountResult.Failed, result);
        Assert.StartsWith("service account \"default\" kept changing; gave up after 3 attempts", error, StringComparison.Ordinal);
        Assert.Equal(6, test.Server.Requests.Count);
        Assert.Equal(["docker-hub"], test.Server.PullSecretsOf("default", "default"));
    }

    [Fact]
    public async Task A_missing_service_account_fails_that_entry_only()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", []);

        var (missing, error) = await test.EnsureAsync(serviceAccount: "ghost");
        var (present, _) = await test.EnsureAsync();

        Assert.Equal(ServiceAccountResult.Failed, missing);
        Assert.Equal("service account \"ghost\" not found in namespace \"default\"", error);
        Assert.Equal(ServiceAccountResult.Added, present);
    }

    [Fact]
    public async Task Dry_run_reports_added_and_changes_nothing()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", ["docker-hub"]);
        var before = test.Server.Store.RawJson("serviceaccounts", "default", "default");

        var (result, _) = await test.EnsureAsync(dryRun: true);

        Assert.Equal(ServiceAccountResult.Added, result);
        Assert.Equal(before, test.Server.Store.RawJson("serviceaccounts", "default", "default"));
        Assert.Equal("?fieldManager=ecr-public-lambda&dryRun=All", test.Server.Requests.Single(r => r.Method == "PATCH").Query);
    }

    [Fact]
    public async Task Forbidden_patch_is_reported()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", []);
        test.Server.Deny(verb: "patch", resource: "serviceaccounts");

        var (result, error) = await test.EnsureAsync();

        Assert.Equal(ServiceAccountResult.Failed, result);
        Assert.StartsWith("forbidden (403): serviceaccounts \"default\" is forbidden", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_reads_and_writes_are_retried()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedServiceAccount("default", "default", ["a"]);
        test.Server.InjectFault(429, times: 1, retryAfter: TimeSpan.FromSeconds(1), method: "GET");
        test.Server.InjectFault(503, times: 1, method: "PATCH");

        Assert.Equal(ServiceAccountResult.Added, (await test.EnsureAsync()).Result);
        Assert.Equal(["a", "ecr-public-token"], test.Server.PullSecretsOf("default", "default"));
        Assert.Equal([429, 200, 503, 200], test.Server.Requests.Select(r => r.StatusCode));
    }
}
