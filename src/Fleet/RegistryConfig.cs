namespace EcrPublicLambda.Configuration;

/// <summary>
/// One validated entry of the fleet's <c>registries</c>: where its credentials come from and the servers (the
/// <c>auths</c> keys of the pull Secret) they are written for. <see cref="Name"/> is what clusters and the report call it.
/// </summary>
public sealed record RegistryConfig(string Name, RegistryType Type)
{
    /// <summary>The ECR Public hosts: the IPv4 host and the dual-stack host (docs.aws.amazon.com/AmazonECR/latest/public/public-registries.html).</summary>
    public static readonly IReadOnlyList<string> EcrPublicServers = ["public.ecr.aws", "ecr-public.aws.com"];

    /// <summary>The default <c>registries</c>: ECR Public alone, as before the field existed.</summary>
    public static readonly IReadOnlyList<RegistryConfig> Default = [EcrPublic()];

    /// <summary><c>ecr</c>: the registry's account.</summary>
    public string? RegistryId { get; init; }

    /// <summary><c>ecr</c>: the registry's region; <c>secretsManager</c>: the secret's region (from its ARN).</summary>
    public string? Region { get; init; }

    /// <summary>The role assumed for the call (<c>ecr</c>, <c>secretsManager</c>); null: the function's own role.</summary>
    public string? RoleArn { get; init; }

    /// <summary><c>secretsManager</c>: the secret's ARN (complete or partial).</summary>
    public string? SecretArn { get; init; }

    /// <summary><c>secretsManager</c>: the customer managed key the secret is encrypted with, when it is not AWS's.</summary>
    public string? KmsKeyArn { get; init; }

    /// <summary><c>secretsManager</c>: the <c>auths</c> key, written verbatim.</summary>
    public string? Server { get; init; }

    /// <summary>
    /// The <c>auths</c> keys this registry is written for: ECR Public's two hosts; a private ECR registry's IPv4 host and
    /// its dual-stack host (docs.aws.amazon.com/AmazonECR/latest/userguide/ecr-requests.html, dual-stack endpoints);
    /// a Secrets Manager entry's <c>server</c>.
    /// </summary>
    public IReadOnlyList<string> Servers => Type switch
    {
        RegistryType.EcrPublic => EcrPublicServers,
        RegistryType.Ecr => [$"{RegistryId}.dkr.ecr.{Region}.amazonaws.com", $"{RegistryId}.dkr-ecr.{Region}.on.aws"],
        _ => [Server!],
    };

    /// <summary>The <c>type</c> as the fleet file spells it.</summary>
    public string TypeName => TypeNames[(int)Type];

    /// <summary>The fleet spellings of <see cref="RegistryType"/>, in its order.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = ["ecr-public", "ecr", "secretsManager"];

    /// <summary>ECR Public, named <c>ecr-public</c>.</summary>
    public static RegistryConfig EcrPublic(string name = "ecr-public") => new(name, RegistryType.EcrPublic) { Region = "us-east-1" };

    /// <summary>What the registry is, for messages and <c>bootstrap validate</c>: never a credential (an ARN is not one).</summary>
    public string Describe() => Type switch
    {
        RegistryType.EcrPublic => "ECR Public",
        RegistryType.Ecr => $"ECR {RegistryId} in {Region}" + (RoleArn is null ? string.Empty : $" as {RoleArn}"),
        _ => $"{Server} from Secrets Manager {SecretArn}" + (RoleArn is null ? string.Empty : $" as {RoleArn}"),
    };
}
