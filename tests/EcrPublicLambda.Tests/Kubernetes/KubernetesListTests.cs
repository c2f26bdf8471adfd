using EcrPublicLambda.Fakes;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>
/// The namespace list and the Secret list: paged with <c>limit</c> and <c>continue</c>, started again once when a
/// continue token expired (410 Expired), and the Secret list authorized by RBAC <c>resourceNames</c>.
/// </summary>
public sealed class KubernetesListTests
{
    private const string Name = "ecr-public-token";

    private static readonly KubernetesClusterOptions TwoPerPage = new() { ListPageSize = 2 };

    [Fact]
    public async Task The_namespace_list_follows_continue_tokens_page_by_page_until_the_last()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["a", "b", "c", "d", "e"] }, TwoPerPage);

        var (namespaces, error) = await test.Cluster.ListNamespacesAsync(null, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(["a", "b", "c", "d", "e"], namespaces!.Select(ns => ns.Name));
        var lists = test.Server.Requests.Where(r => r.Path == "/api/v1/namespaces").ToList();
        Assert.Equal(3, lists.Count);
        Assert.Equal("?limit=2", lists[0].Query);
        Assert.All(lists.Skip(1), r => Assert.StartsWith("?limit=2&continue=", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_continue_token_that_expired_once_starts_the_list_again_and_yields_every_item_once()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["a", "b", "c", "d", "e"] }, TwoPerPage);
        var compactions = 0;
        test.Server.BeforeHandle = request =>
        {
            // etcd compacts between the first page and the second, once.
            if (request.Query.Contains("continue=", StringComparison.Ordinal) && Interlocked.Increment(ref compactions) == 1)
            {
                test.Server.Store.Compact();
            }
        };

        var (namespaces, error) = await test.Cluster.ListNamespacesAsync(null, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal(["a", "b", "c", "d", "e"], namespaces!.Select(ns => ns.Name));
        Assert.Contains(test.Server.Requests, r => r.StatusCode == 410);
        Assert.Equal(2, test.Server.Requests.Count(r => r.Query == "?limit=2"));
        Assert.Contains(test.LogLines, line => line.Contains("continue token expired (410 Expired) after 2 items; listing again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_continue_token_that_expires_again_after_the_restart_fails_the_list_naming_the_cause()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["a", "b", "c", "d", "e"] }, TwoPerPage);
        test.Server.BeforeHandle = request =>
        {
            if (request.Query.Contains("continue=", StringComparison.Ordinal))
            {
                test.Server.Store.Compact();
            }
        };

        var (namespaces, error) = await test.Cluster.ListNamespacesAsync(null, CancellationToken.None);

        Assert.Null(namespaces);
        Assert.StartsWith("listing the namespaces failed: the list's continue token expired twice (410 Expired", error, StringComparison.Ordinal);
        Assert.Equal(2, test.Server.Requests.Count(r => r.Query == "?limit=2"));
        Assert.Equal(2, test.Server.Requests.Count(r => r.StatusCode == 410));
    }

    [Fact]
    public async Task The_Secret_list_finds_every_Secret_of_the_name_across_namespaces_in_pages_with_its_metadata_and_registry_hosts_and_no_credential()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["a", "b", "c"] }, TwoPerPage);
        foreach (var ns in new[] { "a", "b", "c" })
        {
            Assert.Equal(SecretResult.Created, (await test.ApplyAsync(ns, instance: "blue")).Result);
        }

        test.Server.SeedSecret("a", "other-secret", "Opaque", new Dictionary<string, string> { ["k"] = "v" });

        var (secrets, forbidden, error) = await test.Cluster.ListSecretsAsync(Name, CancellationToken.None);

        Assert.Null(error);
        Assert.False(forbidden);
        Assert.Equal(["a", "b", "c"], secrets!.Select(secret => secret.Namespace));
        Assert.All(secrets!, secret =>
        {
            Assert.Null(secret.WhyNotOurs("blue"));
            Assert.StartsWith("belongs to another deployment (ecr-public-lambda/instance=blue", secret.WhyNotOurs("default"), StringComparison.Ordinal);
            Assert.Equal("blue", secret.Instance);
            Assert.Equal("kubernetes.io/dockerconfigjson", secret.Type);
            Assert.NotNull(secret.ExpiresAt);
            Assert.NotNull(secret.WrittenAt);
            Assert.Equal(["ecr-public.aws.com", "public.ecr.aws"], secret.Registries);
            test.AssertNoSecretIn(secret.ToString());
        });
        var lists = test.Server.Requests.Where(r => r.Path == "/api/v1/secrets").ToList();
        Assert.Equal(2, lists.Count);
        Assert.Equal("?fieldSelector=" + Uri.EscapeDataString("metadata.name=" + Name) + "&limit=2", lists[0].Query);
    }

    [Fact]
    public async Task The_Secret_list_is_allowed_by_a_grant_on_the_Secret_name_alone()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["a"] });
        Assert.Equal(SecretResult.Created, (await test.ApplyAsync("a")).Result);
        test.Server.AllowOnlyNames("list", "secrets", Name);

        var (secrets, forbidden, error) = await test.Cluster.ListSecretsAsync(Name, CancellationToken.None);
        var (others, otherForbidden, _) = await test.Cluster.ListSecretsAsync("another-name", CancellationToken.None);

        Assert.Null(error);
        Assert.False(forbidden);
        Assert.Equal(["a"], secrets!.Select(secret => secret.Namespace));
        Assert.Null(others);
        Assert.True(otherForbidden);
    }

    [Fact]
    public async Task A_refused_Secret_list_says_forbidden_with_the_servers_reason()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["a"] });
        test.Server.Deny(verb: "list", resource: "secrets");

        var (secrets, forbidden, error) = await test.Cluster.ListSecretsAsync(Name, CancellationToken.None);

        Assert.Null(secrets);
        Assert.True(forbidden);
        Assert.StartsWith($"listing the Secrets named \"{Name}\" failed: ", error, StringComparison.Ordinal);
        Assert.Contains("forbidden", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reading_one_Secret_gives_its_metadata_or_nothing_when_it_is_absent()
    {
        await using var test = await ClusterUnderTest.StartAsync(new() { Namespaces = ["a", "b"] });
        Assert.Equal(SecretResult.Created, (await test.ApplyAsync("a")).Result);

        var (found, error) = await test.Cluster.ReadSecretAsync("a", Name, CancellationToken.None);
        var (absent, absentError) = await test.Cluster.ReadSecretAsync("b", Name, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("a", found!.Namespace);
        Assert.Null(found.WhyNotOurs("default"));
        Assert.Null(absent);
        Assert.Null(absentError);
    }
}
