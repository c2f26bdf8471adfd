namespace EcrPublicLambda.Fakes;

/// <summary>The calls <see cref="FakeAwsServer"/> answers.</summary>
public enum FakeAwsOperation
{
    /// <summary>A request the fake could not route (answered 400 UnknownOperationException).</summary>
    Unknown,

    /// <summary>ECR Public GetAuthorizationToken (AWS JSON 1.1).</summary>
    GetAuthorizationToken,

    /// <summary>EKS DescribeCluster (REST-JSON).</summary>
    DescribeCluster,

    /// <summary>Secrets Manager GetSecretValue (AWS JSON 1.1).</summary>
    GetSecretValue,

    /// <summary>STS AssumeRole (Query protocol, XML answer).</summary>
    AssumeRole,

    /// <summary>SSM GetParameter (AWS JSON 1.1, <c>AmazonSSM.GetParameter</c>).</summary>
    GetParameter,

    /// <summary>Lambda PutFunctionConcurrency (REST-JSON, <c>PUT /2017-10-31/functions/{name}/concurrency</c>).</summary>
    PutFunctionConcurrency,
}
