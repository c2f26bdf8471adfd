namespace EcrPublicLambda.Aws;

/// <summary>No AWS credentials could be found (environment, web identity, container, instance profile, profiles).</summary>
internal sealed class AwsCredentialsException(string message, Exception? innerException = null) : Exception(message, innerException);
