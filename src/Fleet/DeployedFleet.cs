using System.Security.Cryptography;
using System.Text;

namespace EcrPublicLambda.Configuration;

/// <summary>
/// How the function learns which fleet was deployed before the one it runs with, from a source only the deployment
/// writes: an SSM parameter holding the SHA-256 of the fleet document the stack last deployed (the compact text the
/// CDK puts in the custom resource's <c>Fleet</c> property). A whole fleet may exceed SSM's 4 KB (standard) or 8 KB
/// (advanced) value limit; its digest never does. The function accepts a fleet from an event only when the event's
/// text hashes to the parameter's value, byte for byte. A contract: the CDK and the function read it from here.
/// </summary>
public static class DeployedFleet
{
    /// <summary>The environment variable that names the parameter (set by the CDK; unset: no previous fleet is trusted).</summary>
    public const string ParameterVariable = "DEPLOYED_FLEET_PARAMETER";

    /// <summary>The parameter's name for a deployment: built from the stack name, so the function's role can name it without a reference.</summary>
    public static string ParameterName(string stackName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stackName);
        return $"/EcrPublicLambda/{stackName}/deployed-fleet-sha256";
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="document"/>'s UTF-8 bytes.</summary>
    public static string Digest(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));
    }
}
