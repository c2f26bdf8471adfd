namespace EcrPublicLambda.Configuration;

/// <summary>Where a registry's credentials come from (the <c>type</c> of a <c>registries</c> entry).</summary>
public enum RegistryType
{
    /// <summary><c>ecr-public</c>: ECR Public's GetAuthorizationToken in us-east-1.</summary>
    EcrPublic,

    /// <summary><c>ecr</c>: a private ECR registry, ECR's GetAuthorizationToken in its region.</summary>
    Ecr,

    /// <summary><c>secretsManager</c>: a user name and password kept in a Secrets Manager secret.</summary>
    SecretsManager,
}
