namespace EcrPublicLambda.Fakes;

/// <summary>How a faked AWS service shapes its errors.</summary>
internal enum FakeAwsProtocol
{
    /// <summary>AWS JSON 1.1 (ECR Public): <c>{"__type": …, "message": …}</c>.</summary>
    Json,

    /// <summary>REST-JSON (EKS): <c>x-amzn-ErrorType</c> header, <c>{"message": …}</c>.</summary>
    RestJson,

    /// <summary>Query (STS): XML <c>ErrorResponse</c>.</summary>
    Query,
}
