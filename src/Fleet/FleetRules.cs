using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace EcrPublicLambda.Configuration;

/// <summary>
/// The value rules of the fleet. Each check returns null when the value is good, else the message
/// (without its path). Messages quote names, never a certificate or credential.
/// </summary>
public static partial class FleetRules
{
    private const string PemCertificateHeader = "-----BEGIN CERTIFICATE-----";

    public static string? ClusterName(string value) => ClusterName(value, ClusterKind.Eks);

    /// <summary>EKS cluster names; a <c>kubernetes</c> cluster's name (only a name in the fleet and the report) follows the same rule.</summary>
    public static string? ClusterName(string value, ClusterKind kind) =>
        Check(value.Length <= 100 && ClusterNamePattern().IsMatch(value), value,
            $"is not a valid {(kind == ClusterKind.Eks ? "EKS cluster" : "cluster")} name (1-100 letters, digits, '-' or '_', starting with a letter or digit)");

    public static string? Region(string value) =>
        Check(RegionPattern().IsMatch(value), value,
            "is not a valid AWS region (a region code such as eu-west-1 or us-gov-west-1)");

    /// <summary>A DNS-1123 label (namespace and service-account names); <paramref name="what"/> names the kind.</summary>
    public static string? DnsLabel(string value, string what) =>
        Check(value.Length <= 63 && DnsLabelPattern().IsMatch(value), value,
            $"is not a valid {what} name (a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)");

    public static string? SecretName(string value) =>
        Check(value.Length <= 253 && DnsSubdomainPattern().IsMatch(value), value,
            "is not a valid Secret name (a DNS-1123 subdomain: at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit)");

    /// <summary>
    /// A Kubernetes label value, not empty (<c>instance</c> is written as one): at most 63 characters of letters,
    /// digits, '-', '_' and '.', starting and ending with a letter or digit (apimachinery
    /// <c>pkg/util/validation/validation.go</c>, <c>IsValidLabelValue</c>).
    /// </summary>
    public static string? LabelValue(string value) =>
        Check(value.Length is > 0 and <= 63 && LabelValuePattern().IsMatch(value), value,
            "is not a valid label value (1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit)");

    public static string? RoleArn(string value) =>
        Check(RoleArnPattern().IsMatch(value), value,
            "is not a valid IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<path/name>)");

    /// <summary>
    /// A Secrets Manager secret ARN, complete (<c>...:secret:name-AbCdEf</c>) or partial (<c>...:secret:name</c>): both
    /// are accepted by GetSecretValue (docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html).
    /// </summary>
    public static string? SecretArn(string value) =>
        Check(SecretArnPattern().IsMatch(value), value,
            "is not a valid Secrets Manager secret ARN (arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>)");

    /// <summary>A KMS key ARN (<c>arn:...:kms:region:account:key/id</c>); an alias does not name the key a grant can be on.</summary>
    public static string? KmsKeyArn(string value) =>
        Check(KmsKeyArnPattern().IsMatch(value), value,
            "is not a valid KMS key ARN (arn:<partition>:kms:<region>:<12-digit account>:key/<key id>; not an alias)");

    /// <summary>The region of a secret or key ARN already checked by <see cref="SecretArn"/> or <see cref="KmsKeyArn"/>.</summary>
    public static string ArnRegion(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        return arn.Split(':')[3];
    }

    /// <summary>The secret's name as its ARN gives it (everything after <c>:secret:</c>); a name that is no ARN as it is.</summary>
    public static string SecretArnName(string arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        var at = arn.IndexOf(":secret:", StringComparison.Ordinal);
        return at < 0 ? arn : arn[(at + ":secret:".Length)..];
    }

    /// <summary>An absolute https URL without user info, query or fragment; <paramref name="endpoint"/> is the parsed URL.</summary>
    public static string? Endpoint(string value, out Uri? endpoint)
    {
        endpoint = null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
        {
            return value.Contains('@', StringComparison.Ordinal)
                ? "is not an absolute https URL"
                : $"{JsonPath.Quote(value)} is not an absolute https URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not carry user information (credentials do not belong in the fleet)";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"{JsonPath.Quote(value)} must not have a query or fragment";
        }

        endpoint = uri;
        return null;
    }

    /// <summary>Base64 of a PEM bundle with at least one X.509 certificate, as EKS DescribeCluster returns it.</summary>
    public static string? CertificateAuthority(string value)
    {
        if (value.TrimStart().StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            return "is PEM text; expected its base64 encoding (as EKS DescribeCluster returns it)";
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return "is not valid base64 (expected the base64 of a PEM certificate, as EKS DescribeCluster returns it)";
        }

        var pem = Encoding.UTF8.GetString(decoded);
        if (!pem.Contains(PemCertificateHeader, StringComparison.Ordinal))
        {
            return $"does not decode to a PEM certificate ({PemCertificateHeader})";
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
            return certificates.Count > 0 ? null : "the PEM certificate does not parse as an X.509 certificate";
        }
        catch (CryptographicException)
        {
            return "the PEM certificate does not parse as an X.509 certificate";
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static string? Check(bool valid, string value, string problem) =>
        valid ? null : $"{JsonPath.Quote(value)} {problem}";

    // \z, not $: in .NET, $ also matches before a final newline.
    [GeneratedRegex(@"^[0-9A-Za-z][0-9A-Za-z_\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterNamePattern();

    [GeneratedRegex(@"^([a-z]{2}(-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValuePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomainPattern();

    // IAM role names: 1-64 of [A-Za-z0-9+=,.@_-]; an optional path of such segments between slashes.
    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_\-]+/)*[A-Za-z0-9+=,.@_\-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    // Secret names: 1-512 of [A-Za-z0-9/_+=.@-] (Secrets Manager CreateSecret, Name).
    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:secretsmanager:[a-z0-9\-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@\-]{1,512}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SecretArnPattern();

    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:kms:[a-z0-9\-]+:[0-9]{12}:key/[A-Za-z0-9\-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex KmsKeyArnPattern();
}
