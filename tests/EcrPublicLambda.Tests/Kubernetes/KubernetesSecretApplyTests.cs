using System.Text.Json;
using System.Text;
using System.Text.Json.Nodes;
using EcrPublicLambda.Kubernetes;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Tests.Kubernetes;

public sealed class KubernetesSecretApplyTests
{
    private static readonly Dictionary<string, string> ForeignData = new(StringComparer.Ordinal)
    {
        [".dockerconfigjson"] = """{"auths":{"public.ecr.aws":{"username":"someone","password":"theirs","auth":"c29tZW9uZTp0aGVpcnM="}}}""",
    };

    [Fact]
    public async Task Creates_the_secret_in_exactly_one_request()
    {
        await using var test = await ClusterUnderTest.StartAsync();

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Created, result);
        Assert.Null(error);
        var request = Assert.Single(test.Server.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal("/api/v1/namespaces/default/secrets/ecr-public-token", request.Path);
        Assert.Equal("?fieldManager=ecr-public-lambda", request.Query);
        Assert.Equal("application/apply-patch+yaml", request.ContentType);
        var secret = test.Server.Store.Get("secrets", "default", "ecr-public-token");
        Assert.Equal("kubernetes.io/dockerconfigjson", (string?)secret["type"]);
        Assert.Equal("ecr-public-lambda", (string?)secret["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]);
        Assert.Equal("2026-11-26T23:59:59Z", (string?)secret["metadata"]!["annotations"]!["ecr-public-lambda/expires-at"]);
        var manager = Assert.Single(secret["metadata"]!["managedFields"]!.AsArray());
        Assert.Equal("ecr-public-lambda", (string?)manager!["manager"]);
        Assert.Equal("Apply", (string?)manager["operation"]);
        var config = JsonNode.Parse(Convert.FromBase64String((string)secret["data"]![".dockerconfigjson"]!))!;
        Assert.Equal(ClusterUnderTest.Password, (string?)config["auths"]!["public.ecr.aws"]!["password"]);
        Assert.True(JsonNode.DeepEquals(config["auths"]!["public.ecr.aws"], config["auths"]!["ecr-public.aws.com"]));
        test.AssertNoSecretIn(error);
    }

    [Fact]
    public async Task Updates_its_own_secret_with_a_new_password_in_one_request_per_secret()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["default", "team-a", "team-b"] });
        foreach (var ns in new[] { "default", "team-a", "team-b" })
        {
            Assert.Equal(SecretResult.Created, (await test.ApplyAsync(ns)).Result);
        }

        var next = new DockerConfigSecret("rotated-password", new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero));
        foreach (var ns in new[] { "default", "team-a", "team-b" })
        {
            var (result, error) = await test.ApplyAsync(ns, secret: next);
            Assert.Equal(SecretResult.Updated, result);
            Assert.Null(error);
        }

        Assert.Equal(6, test.Server.Requests.Count);
        Assert.All(test.Server.Requests, r => Assert.Equal("PATCH", r.Method));
        var secret = test.Server.Store.Get("secrets", "team-b", "ecr-public-token");
        Assert.Equal("2026-11-27T11:00:00Z", (string?)secret["metadata"]!["annotations"]!["ecr-public-lambda/expires-at"]);
        var config = JsonNode.Parse(Convert.FromBase64String((string)secret["data"]![".dockerconfigjson"]!))!;
        Assert.Equal("rotated-password", (string?)config["auths"]!["public.ecr.aws"]!["password"]);
    }

    [Fact]
    public async Task A_secret_made_by_kubectl_is_a_conflict_and_stays_byte_for_byte_the_same()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedSecret("default", "ecr-public-token", "kubernetes.io/dockerconfigjson", ForeignData);
        var before = test.Server.Store.RawJson("secrets", "default", "ecr-public-token");

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.Contains("managed by another field manager", error, StringComparison.Ordinal);
        Assert.Contains("conflict with \"kubectl-create\" using v1: .data..dockerconfigjson", error, StringComparison.Ordinal);
        Assert.Contains("adoptExisting", error, StringComparison.Ordinal);
        Assert.Equal(before, test.Server.Store.RawJson("secrets", "default", "ecr-public-token"));
        Assert.Single(test.Server.Requests);
        test.AssertNoSecretIn(error);
    }

    [Fact]
    public async Task A_secret_from_before_server_side_apply_is_a_conflict_too()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedSecret("default", "ecr-public-token", "kubernetes.io/dockerconfigjson", ForeignData, manager: null);
        var before = test.Server.Store.RawJson("secrets", "default", "ecr-public-token");

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.Contains("before-first-apply", error, StringComparison.Ordinal);
        Assert.Equal(before, test.Server.Store.RawJson("secrets", "default", "ecr-public-token"));
    }

    [Fact]
    public async Task A_secret_another_tool_applied_is_a_conflict()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        var body = JsonNode.Parse($$$"""
            {"apiVersion":"v1","kind":"Secret","metadata":{"name":"ecr-public-token"},"type":"kubernetes.io/dockerconfigjson",
             "data":{".dockerconfigjson":"{{{Convert.ToBase64String(Encoding.UTF8.GetBytes(ForeignData[".dockerconfigjson"]))}}}"}}
            """)!.AsObject();
        test.Server.Store.Apply("secrets", "default", "ecr-public-token", body, "argocd-controller", force: false, dryRun: false);
        var before = test.Server.Store.RawJson("secrets", "default", "ecr-public-token");

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.Contains("conflict with \"argocd-controller\": .data..dockerconfigjson", error, StringComparison.Ordinal);
        Assert.Equal(before, test.Server.Store.RawJson("secrets", "default", "ecr-public-token"));
    }

    [Fact]
    public async Task Our_secret_taken_over_by_kubectl_edit_is_a_conflict_again()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        Assert.Equal(SecretResult.Created, (await test.ApplyAsync()).Result);
        var edited = Convert.ToBase64String(Encoding.UTF8.GetBytes(ForeignData[".dockerconfigjson"]));
        test.Server.Store.Patch("secrets", "default", "ecr-public-token", "merge",
            JsonNode.Parse($$$"""{"data":{".dockerconfigjson":"{{{edited}}}"}}""")!, "kubectl-edit", dryRun: false);

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Conflict, result);
        Assert.Contains("kubectl-edit", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_existing_takes_the_foreign_secret_over_with_force()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedSecret("default", "ecr-public-token", "kubernetes.io/dockerconfigjson", ForeignData);

        var (result, error) = await test.ApplyAsync(adopt: true);

        Assert.Equal(SecretResult.Updated, result);
        Assert.Null(error);
        Assert.Equal(["?fieldManager=ecr-public-lambda", "?fieldManager=ecr-public-lambda&force=true"], test.Server.Requests.Select(r => r.Query));
        var secret = test.Server.Store.Get("secrets", "default", "ecr-public-token");
        var config = JsonNode.Parse(Convert.FromBase64String((string)secret["data"]![".dockerconfigjson"]!))!;
        Assert.Equal(ClusterUnderTest.Password, (string?)config["auths"]!["public.ecr.aws"]!["password"]);
        var managers = secret["metadata"]!["managedFields"]!.AsArray();
        var ours = Assert.Single(managers, m => (string?)m!["manager"] == "ecr-public-lambda");
        Assert.NotNull(ours!["fieldsV1"]!["f:data"]!["f:.dockerconfigjson"]);
        Assert.DoesNotContain(managers, m => m!["fieldsV1"]!["f:data"]?["f:.dockerconfigjson"] is not null && (string?)m["manager"] != "ecr-public-lambda");

        // Adopted: the next run is a plain update in one request.
        test.Server.ClearRequests();
        Assert.Equal(SecretResult.Updated, (await test.ApplyAsync()).Result);
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task A_secret_of_another_type_is_a_conflict_even_with_adopt_and_is_left_alone()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedSecret("default", "ecr-public-token", "Opaque", new Dictionary<string, string> { ["token"] = "abc" });
        var before = test.Server.Store.RawJson("secrets", "default", "ecr-public-token");

        var (plain, plainError) = await test.ApplyAsync();
        var (adopted, adoptedError) = await test.ApplyAsync(adopt: true);

        Assert.Equal(SecretResult.Conflict, plain);
        Assert.Contains(".type", plainError, StringComparison.Ordinal);
        Assert.Equal(SecretResult.Conflict, adopted);
        Assert.Contains("of another type exists", adoptedError, StringComparison.Ordinal);
        Assert.Contains("field is immutable", adoptedError, StringComparison.Ordinal);
        Assert.Equal(before, test.Server.Store.RawJson("secrets", "default", "ecr-public-token"));
        test.AssertNoSecretIn(plainError, adoptedError);
    }

    [Fact]
    public async Task A_missing_namespace_fails_that_namespace_only_and_is_never_created()
    {
        await using var test = await ClusterUnderTest.StartAsync();

        var (missing, error) = await test.ApplyAsync("team-x");
        var (present, _) = await test.ApplyAsync("default");

        Assert.Equal(SecretResult.Failed, missing);
        Assert.Equal("namespace \"team-x\" not found", error);
        Assert.Equal(SecretResult.Created, present);
        Assert.False(test.Server.Store.HasNamespace("team-x"));
        Assert.DoesNotContain(test.Server.Requests, r => r.Path.EndsWith("/namespaces", StringComparison.Ordinal) && r.Method == "POST");
    }

    [Fact]
    public async Task Dry_run_sends_dryRun_All_reports_what_would_happen_and_changes_nothing()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        var (wouldCreate, _) = await test.ApplyAsync(dryRun: true);
        Assert.Equal(SecretResult.Created, wouldCreate);
        Assert.Null(test.Server.Store.RawJson("secrets", "default", "ecr-public-token"));

        Assert.Equal(SecretResult.Created, (await test.ApplyAsync()).Result);
        var before = test.Server.Store.RawJson("secrets", "default", "ecr-public-token");
        var (wouldUpdate, _) = await test.ApplyAsync(dryRun: true, secret: new DockerConfigSecret("other", DateTimeOffset.UnixEpoch));

        Assert.Equal(SecretResult.Updated, wouldUpdate);
        Assert.Equal(before, test.Server.Store.RawJson("secrets", "default", "ecr-public-token"));
        Assert.All(test.Server.Requests.Where((_, i) => i != 1), r => Assert.Contains("dryRun=All", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forbidden_is_reported_with_the_servers_reason()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["default", "locked"] });
        test.Server.Deny(ns: "locked", verb: "patch", resource: "secrets");

        var (result, error) = await test.ApplyAsync("locked");

        Assert.Equal(SecretResult.Failed, result);
        Assert.StartsWith("forbidden (403): secrets \"ecr-public-token\" is forbidden: User \"arn:aws:iam::111122223333:role/ecr-public-writer\" cannot patch resource \"secrets\"", error, StringComparison.Ordinal);
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task Throttling_honours_Retry_After_and_then_succeeds()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.InjectFault(429, times: 2, retryAfter: TimeSpan.FromSeconds(3), pathContains: "/secrets/");

        var (result, error) = await test.ApplyAsync();

        Assert.Equal(SecretResult.Created, result);
        Assert.Null(error);
        Assert.Equal([429, 429, 201], test.Server.Requests.Select(r => r.StatusCode));
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], test.Delays);
    }

    [Fact]
    public async Task Retry_After_is_a_floor_under_the_jittered_backoff_so_throttled_requests_spread_out()
    {
        var namespaces = Enumerable.Range(1, 10).Select(i => $"ns-{i}").ToArray();
        var options = new KubernetesClusterOptions { Retry = new() { BaseDelay = TimeSpan.FromSeconds(4) } };
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = namespaces }, options);
        // One 429 per namespace: each request is throttled exactly once, whatever order the requests arrive in.
        foreach (var ns in namespaces)
        {
            test.Server.InjectFault(429, times: 1, retryAfter: TimeSpan.FromSeconds(1), pathContains: $"/namespaces/{ns}/secrets/");
        }

        // One after another: the test moves the fake clock by each wait, and concurrent waits would add up on it until
        // the requests' own timers fired.
        var results = new List<(SecretResult, string?)>();
        foreach (var ns in namespaces)
        {
            results.Add(await test.ApplyAsync(ns));
        }

        Assert.All(results, result => Assert.Equal((SecretResult.Created, null), result));
        Assert.Equal(namespaces.Length, test.Delays.Count);

        // Each wait: at least the server's Retry-After, at most the first retry's jitter ceiling; and not in lockstep.
        Assert.All(test.Delays, wait => Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));
        Assert.True(test.Delays.Distinct().Count() > 1, "every throttled request waited exactly as long");
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_bound_is_capped()
    {
        await using var test = await ClusterUnderTest.StartAsync(clusterOptions: new() { Retry = new() { MaxRetryAfter = TimeSpan.FromSeconds(5) } });
        test.Server.InjectFault(429, times: 1, retryAfter: TimeSpan.FromSeconds(3600));

        Assert.Equal(SecretResult.Created, (await test.ApplyAsync()).Result);
        Assert.Equal([TimeSpan.FromSeconds(5)], test.Delays);
    }

    [Fact]
    public async Task Server_errors_are_retried_a_bounded_number_of_times_with_growing_jittered_backoff()
    {
        // Full jitter: retry n waits anywhere in [0, min(MaxDelay, 100 x 2^(n-1))] ms, so the bounds are 100, 200, 400 ms.
        // One run cannot show that a bound grew; 32 runs can: each later wait exceeds the earlier bound at least once
        // (all 32 second waits at most 100 ms has probability 2^-32), and no wait ever exceeds its own bound.
        const int Runs = 32;
        double[] bounds = [100, 200, 400];
        var options = new KubernetesClusterOptions { Retry = new() { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(400) } };
        await using var test = await ClusterUnderTest.StartAsync(clusterOptions: options);
        test.Server.InjectFault(500, times: Runs * 4);

        for (var run = 0; run < Runs; run++)
        {
            var (result, error) = await test.ApplyAsync();
            Assert.Equal(SecretResult.Failed, result);
            Assert.StartsWith("server error (500 InternalError) after 4 attempt(s): Internal error occurred", error, StringComparison.Ordinal);
        }

        Assert.Equal(Runs * 4, test.Server.Requests.Count);
        var waits = test.Delays.Chunk(3).ToList();
        Assert.Equal(Runs, waits.Count);
        Assert.All(waits, run => Assert.Equal(3, run.Length));
        for (var retry = 0; retry < bounds.Length; retry++)
        {
            var nth = waits.Select(run => run[retry].TotalMilliseconds).ToList();
            Assert.All(nth, wait => Assert.InRange(wait, 0, bounds[retry]));
            Assert.True(nth.Distinct().Count() > 1, $"retry {retry + 1} waited the same every time: no jitter");
            if (retry > 0)
            {
                Assert.True(nth.Max() > bounds[retry - 1], $"retry {retry + 1} never waited longer than retry {retry}'s bound of {bounds[retry - 1]} ms");
            }
        }
    }

    [Fact]
    public async Task A_503_then_success_is_retried_and_other_4xx_are_not()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.InjectFault(503, times: 1);
        Assert.Equal(SecretResult.Created, (await test.ApplyAsync()).Result);
        Assert.Equal(2, test.Server.Requests.Count);

        test.Server.ClearRequests();
        test.Server.InjectFault(400, times: 5);
        var (result, error) = await test.ApplyAsync();
        Assert.Equal(SecretResult.Failed, result);
        Assert.StartsWith("bad request (400", error, StringComparison.Ordinal);
        Assert.Single(test.Server.Requests);
    }

    [Fact]
    public async Task One_apply_body_serves_every_namespace_and_the_server_takes_the_namespace_from_the_URL()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["team-a", "team-b"] });
        var secret = new DockerConfigSecret(ClusterUnderTest.Password, new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(SecretResult.Created, (await test.ApplyAsync("team-a", secret: secret)).Result);
        Assert.Equal(SecretResult.Created, (await test.ApplyAsync("team-b", secret: secret)).Result);

        // The body was made once, at the first apply; a second maker is never asked.
        var body = secret.SharedBodyFor("ecr-public-token\ndefault", (_, _) => throw new InvalidOperationException("made twice"));
        using (var sent = JsonDocument.Parse(body))
        {
            var metadata = sent.RootElement.GetProperty("metadata");
            Assert.Equal("ecr-public-token", metadata.GetProperty("name").GetString());
            Assert.False(metadata.TryGetProperty("namespace", out _));
        }

        foreach (var ns in new[] { "team-a", "team-b" })
        {
            var stored = test.Server.Store.Get("secrets", ns, "ecr-public-token");
            Assert.Equal(ns, (string?)stored["metadata"]!["namespace"]);
            Assert.Equal("kubernetes.io/dockerconfigjson", (string?)stored["type"]);
        }
    }

    [Fact]
    public async Task Concurrent_requests_stay_within_the_per_cluster_bound()
    {
        var namespaces = Enumerable.Range(0, 24).Select(i => $"team-{i}").ToArray();
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = namespaces }, new() { MaxConcurrency = 3 });
        test.Server.Latency = TimeSpan.FromMilliseconds(20);

        var results = await Task.WhenAll(namespaces.Select(ns => test.ApplyAsync(ns)));

        Assert.All(results, r => Assert.Equal(SecretResult.Created, r.Result));
        Assert.Equal(24, test.Server.Requests.Count);
        Assert.InRange(test.Server.MaxConcurrentRequests, 2, 3);
    }

    [Fact]
    public async Task No_secret_value_reaches_a_log_line_an_error_or_ToString()
    {
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.SeedSecret("default", "ecr-public-token", "Opaque", new Dictionary<string, string> { ["x"] = "y" });
        test.Server.InjectFault(429, 1, TimeSpan.Zero);
        var (_, conflict) = await test.ApplyAsync();
        var (_, missing) = await test.ApplyAsync("nowhere");

        test.AssertNoSecretIn(conflict, missing, ClusterUnderTest.Secret.ToString(), test.Cluster.ToString());
        Assert.DoesNotContain(ClusterUnderTest.Password, new DockerAuthEntry("AWS", ClusterUnderTest.Password, "QVdTOng=").ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(test.LogLines);
    }
}
