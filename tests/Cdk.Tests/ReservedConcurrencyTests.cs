using EcrPublicLambda.Cdk.Settings;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Cdk.Tests;

/// <summary>Context <c>reservedConcurrency</c>: 1 by default, a whole number, or <c>none</c> (runs then take turns with a Lease); anything else fails synth.</summary>
public sealed class ReservedConcurrencyTests
{
    private const string Clusters = """[{"name": "prod-eu", "region": "eu-west-1", "namespaces": ["default"]}]""";

    private static readonly AppEnvironment NoEnvironment = new(new Dictionary<string, string>(), AppContext.BaseDirectory);

    private static DeploymentSettings Read(object? reservedConcurrency, string clusters = Clusters, string? accessMode = null)
    {
        var context = new Dictionary<string, object> { ["clusters"] = clusters };
        if (reservedConcurrency is not null)
        {
            context["reservedConcurrency"] = reservedConcurrency;
        }

        if (accessMode is not null)
        {
            context["accessMode"] = accessMode;
        }

        return DeploymentSettings.FromContext(key => context.GetValueOrDefault(key), NoEnvironment);
    }

    [Fact]
    public void Absent_is_one_concurrent_run_and_no_Lease()
    {
        var settings = Read(null);

        Assert.Equal(1, settings.ReservedConcurrency);
        Assert.False(settings.Leases);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData(" 2 ", 2)]
    [InlineData(3d, 3)]
    [InlineData(1, 1)]
    public void A_whole_number_from_one_is_the_reservation(object value, int expected)
    {
        Assert.Equal(expected, Read(value).ReservedConcurrency);
    }

    [Fact]
    public void None_removes_the_reservation_and_turns_the_Lease_on()
    {
        var settings = Read("none");

        Assert.Null(settings.ReservedConcurrency);
        Assert.True(settings.Leases);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("None")]
    [InlineData("unlimited")]
    [InlineData(2.5d)]
    public void Anything_else_fails_synth_naming_the_value_and_the_choices(object value)
    {
        var error = Assert.Single(Assert.Throws<FleetValidationException>(() => Read(value)).Errors);

        Assert.StartsWith($"reservedConcurrency: \"{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!.Trim()}\" is not a reserved concurrency (expected a whole number from 1, or \"none\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void None_refuses_a_cluster_with_no_exact_namespace_to_keep_its_Lease_in_with_the_path()
    {
        const string clusters = """
            [{"name": "a", "region": "eu-west-1", "namespaces": ["default"]},
             {"name": "b", "region": "eu-west-1", "namespaces": ["team-*"]},
             {"name": "c", "region": "eu-west-1", "namespaces": ["x", "team-*"], "excludeNamespaces": ["x"]}]
            """;

        var errors = Assert.Throws<FleetValidationException>(() => Read("none", clusters, "rbac")).Errors;

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("clusters[1].namespaces: cluster \"b\" names no namespace by exact name", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("clusters[2].namespaces: cluster \"c\" names no namespace by exact name", errors[1], StringComparison.Ordinal);
        // With a reservation the same fleet is fine: no Lease is needed.
        Assert.Equal(1, Read(null, clusters, "rbac").ReservedConcurrency);
    }
}
