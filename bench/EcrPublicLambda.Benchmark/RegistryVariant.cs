using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Benchmark;

/// <summary>
/// One side of the registries A/B (issue 18): the fleet file's <c>registries</c> (null: the default, ECR Public alone),
/// the servers every Secret must then hold (in the order the <c>ecr-public-lambda/registries</c> annotation lists
/// them), and the AWS calls one run makes for them.
/// </summary>
internal sealed record RegistryVariant(string Name, JsonArray? Registries, IReadOnlyList<string> Servers, int AwsCalls)
{
    internal const string DockerHubArn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:dockerhub-AbCdEf";
    internal const string PullerRole = "arn:aws:iam::444455556666:role/ecr-puller";

    private static readonly string[] EcrPublicServers = ["public.ecr.aws", "ecr-public.aws.com"];

    /// <summary>ECR Public alone: one GetAuthorizationToken.</summary>
    internal static RegistryVariant One => new("1 registry (ECR Public)", null, EcrPublicServers, 1);

    /// <summary>
    /// ECR Public, private ECR in eu-west-1 and in us-west-2, a Docker Hub login in Secrets Manager: four calls, all in
    /// flight at once; with <paramref name="role"/>, the us-west-2 registry is read through a role (AssumeRole, then its
    /// ECR call: five calls, two of them one after the other).
    /// </summary>
    internal static RegistryVariant Four(bool role) => new(
        role ? "4 registries, one through a role" : "4 registries",
        [
            new JsonObject { ["type"] = "ecr-public" },
            new JsonObject { ["type"] = "ecr", ["registryId"] = "111122223333", ["region"] = "eu-west-1" },
            role
                ? new JsonObject { ["type"] = "ecr", ["registryId"] = "444455556666", ["region"] = "us-west-2", ["roleArn"] = PullerRole }
                : new JsonObject { ["type"] = "ecr", ["registryId"] = "444455556666", ["region"] = "us-west-2" },
            new JsonObject { ["type"] = "secretsManager", ["name"] = "docker-hub", ["server"] = "https://index.docker.io/v1/", ["secretArn"] = DockerHubArn },
        ],
        [
            .. EcrPublicServers,
            "111122223333.dkr.ecr.eu-west-1.amazonaws.com", "111122223333.dkr-ecr.eu-west-1.on.aws",
            "444455556666.dkr.ecr.us-west-2.amazonaws.com", "444455556666.dkr-ecr.us-west-2.on.aws",
            "https://index.docker.io/v1/",
        ],
        role ? 5 : 4);

    /// <summary>What the fake AWS must hold for the variants: the Docker Hub login (a made-up one).</summary>
    internal static void Seed(FakeAwsServer aws) =>
        aws.AddSecret(DockerHubArn, new JsonObject { ["username"] = "bench-user", ["password"] = "dckr_pat_bench" }.ToJsonString());

    /// <summary>A name for files.</summary>
    internal string FileName => Registries is null ? "one" : Registries.Count + (AwsCalls > Registries.Count ? "-role" : string.Empty);
}
