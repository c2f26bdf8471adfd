namespace EcrPublicLambda.Aws;

/// <summary>
/// The AWS JSON 1.1 protocol that ECR Public, ECR, SSM and Secrets Manager speak: every call is <c>POST /</c> with
/// <c>Content-Type: application/x-amz-json-1.1</c> and <c>X-Amz-Target: &lt;service prefix&gt;.&lt;operation&gt;</c>, both
/// signed (Smithy's "AWS JSON 1.1 protocol" page, smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html).
/// </summary>
internal static class AwsJson11
{
    internal const string ContentType = "application/x-amz-json-1.1";

    /// <summary>The request for <paramref name="target"/> with the JSON <paramref name="body"/>, sent to <paramref name="endpoint"/>.</summary>
    internal static AwsRequest Request(string service, string operation, string signingName, string region, Uri endpoint, string target, byte[] body) =>
        new(service, operation, signingName, region, HttpMethod.Post, endpoint, [new("Content-Type", ContentType), new("X-Amz-Target", target)], body);
}
