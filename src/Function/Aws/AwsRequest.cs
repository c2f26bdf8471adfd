namespace EcrPublicLambda.Aws;

/// <summary>
/// One AWS API call before signing. <paramref name="Headers"/> are sent and signed (Content-Type included);
/// <paramref name="Service"/> is the name used in messages (e.g. "EKS"), <paramref name="SigningName"/> the SigV4 one.
/// </summary>
internal sealed record AwsRequest(
    string Service,
    string Operation,
    string SigningName,
    string Region,
    HttpMethod Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body);
