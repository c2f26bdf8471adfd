using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>The Lease contract the deployment and the function share: where the Lease lives and how long it holds.</summary>
public sealed class RunLeaseTests
{
    private static AppEnvironment With(string? seconds) =>
        new(seconds is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [RunLease.DurationVariable] = seconds }, AppContext.BaseDirectory);

    [Theory]
    [InlineData("360", 360)]
    [InlineData("1", 1)]
    [InlineData("3600", 3600)]
    public void A_whole_number_of_seconds_is_the_duration(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RunLease.Duration(With(text)));
    }

    [Fact]
    public void Unset_means_no_Lease()
    {
        Assert.Null(RunLease.Duration(With(null)));
        Assert.Null(RunCommand.Options(With(null)).LeaseDuration);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    [InlineData("-5")]
    [InlineData("6m")]
    [InlineData(" 60")]
    public void Anything_else_is_an_error_naming_the_variable(string text)
    {
        var error = Assert.Throws<FormatException>(() => RunCommand.Options(With(text)));

        Assert.Equal($"ECR_PUBLIC_LAMBDA_LEASE_SECONDS: \"{text}\" is not a lease duration (whole seconds, 1 to 3600)", error.Message);
    }

    [Fact]
    public void The_Lease_lives_in_the_first_exact_namespace_not_excluded_and_is_named_like_the_Secret()
    {
        var cluster = new ClusterConfig("c", "eu-west-1", ["team-*", "gone", "apps", "web"], [], null, null, null) { ExcludeNamespaces = ["gone"] };
        var patterns = cluster with { Namespaces = ["team-*"] };

        Assert.Equal("apps", RunLease.Namespace(cluster));
        Assert.Null(RunLease.Namespace(patterns));
        Assert.Equal("pull", RunLease.Name(new Fleet("pull", false, [cluster])));
    }

    [Fact]
    public void The_holder_is_the_function_name_in_Lambda_and_bootstrap_elsewhere()
    {
        var lambda = new AppEnvironment(new Dictionary<string, string> { ["AWS_LAMBDA_FUNCTION_NAME"] = "EcrPublicLambda-Fn" }, AppContext.BaseDirectory);

        Assert.Equal("EcrPublicLambda-Fn", RunCommand.Options(lambda).LeaseHolder);
        Assert.Equal("bootstrap", RunCommand.Options(With(null)).LeaseHolder);
    }
}
