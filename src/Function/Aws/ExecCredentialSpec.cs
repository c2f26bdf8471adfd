namespace EcrPublicLambda.Aws;

/// <summary>The ExecCredential <c>spec</c>: always <c>{}</c> in what the plugin prints.</summary>
internal sealed class ExecCredentialSpec;
