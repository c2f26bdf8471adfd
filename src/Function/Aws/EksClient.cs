using System.Net;
using System.Text.Json;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Aws;

/// <summary>Amazon EKS, the one call we need (REST-JSON protocol).</summary>
internal sealed class EksClient(AwsHttpSender sender, AwsEndpoints endpoints)
{
    internal const string Service = "EKS";
    internal const string SigningName = "eks";
    internal const string ActiveStatus = "ACTIVE";

    /// <summary>An upgrade (version, platform, configuration) under way: the API server keeps serving for its 10-40 minutes.</summary>
    internal const string UpdatingStatus = "UPDATING";

    /// <summary><c>DescribeCluster</c>: GET /clusters/{name} on the region's EKS endpoint.</summary>
    /// <exception cref="AwsServiceException">
    /// The call failed (a missing cluster reads <c>EKS cluster "NAME" not found in REGION</c>), the answer is unusable,
    /// or the cluster is neither ACTIVE nor UPDATING (code <c>ClusterNotActive</c>, the message names the status).
    /// </exception>
    internal async Task<EksClusterInfo> DescribeClusterAsync(string name, string region, AwsCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var request = new AwsRequest(
            Service,
            "DescribeCluster",
            SigningName,
            region,
            HttpMethod.Get,
            new Uri(endpoints.Eks(region), "clusters/" + SigV4Signer.Encode(name)),
            [],
            []);
        byte[] body;
        try
        {
            body = await sender.SendAsync(request, credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Code == "ResourceNotFoundException")
        {
            throw new AwsServiceException(Service, e.Code, e.StatusCode, $"EKS cluster \"{name}\" not found in {region}", e);
        }

        return Parse(name, region, body);
    }

    internal static EksClusterInfo Parse(string name, string region, byte[] body)
    {
        EksDescribeClusterResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, AwsJsonContext.Default.EksDescribeClusterResponse);
        }
        catch (JsonException)
        {
            throw Invalid(name, region, "the body is not JSON");
        }

        var cluster = response?.Cluster ?? throw Invalid(name, region, "no \"cluster\" object");
        var status = cluster.Status ?? "UNKNOWN";
        if (status is not (ActiveStatus or UpdatingStatus))
        {
            throw new AwsServiceException(Service, "ClusterNotActive", HttpStatusCode.OK, $"EKS cluster \"{name}\" in {region} is {status}{NotServing(status)}");
        }

        if (cluster.Endpoint is null || FleetRules.Endpoint(cluster.Endpoint, out var endpoint) is not null || endpoint is null)
        {
            throw Invalid(name, region, "cluster.endpoint is not an https URL");
        }

        if (cluster.CertificateAuthority?.Data is not { Length: > 0 } ca)
        {
            throw Invalid(name, region, "cluster.certificateAuthority.data is missing");
        }

        var vpc = cluster.ResourcesVpcConfig;
        var access = vpc is null
            ? null
            : new EksEndpointAccess(vpc.EndpointPublicAccess ?? true, vpc.EndpointPrivateAccess ?? false, vpc.PublicAccessCidrs ?? []);
        return new EksClusterInfo(cluster.Name ?? name, region, endpoint, ca, status, cluster.AccessConfig?.AuthenticationMode, access);
    }

    /// <summary>Why a cluster in <paramref name="status"/> is not refreshed (only ACTIVE and UPDATING ones are).</summary>
    private static string NotServing(string status) => status switch
    {
        "CREATING" => ": its API server is not ready yet; it is refreshed once the cluster is ACTIVE",
        "DELETING" => ": it is being deleted",
        "FAILED" => ": EKS could not create it; see the cluster's health issues in the EKS console",
        "PENDING" => ": it is not ready yet (a connected cluster waiting for its agent); it is refreshed once it is ACTIVE",
        _ => ": only ACTIVE and UPDATING clusters are refreshed",
    };

    private static AwsServiceException Invalid(string name, string region, string what) =>
        new(Service, AwsServiceException.InvalidResponseCode, HttpStatusCode.OK, $"EKS DescribeCluster for \"{name}\" in {region} returned an unusable answer: {what}");
}
