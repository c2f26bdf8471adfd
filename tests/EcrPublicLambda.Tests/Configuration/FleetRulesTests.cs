using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>Each value rule of the fleet: a good value passes, a bad one gives exactly its message at its path.</summary>
public sealed class FleetRulesTests
{
    private const string ClusterNameRule = " is not a valid EKS cluster name (1-100 letters, digits, '-' or '_', starting with a letter or digit)";
    private const string RegionRule = " is not a valid AWS region (a region code such as eu-west-1 or us-gov-west-1)";
    private const string DnsLabelRule = " name (a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)";
    private const string SecretNameRule = " is not a valid Secret name (a DNS-1123 subdomain: at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit)";
    private const string PartitionRule = "; ECR Public tokens come from the aws partition and one run signs with one partition's credentials";
    private const string RoleArnRule = " is not a valid IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<path/name>)";

    private static readonly string Ca = TestCertificates.CreateCaBase64();

    [Theory]
    [InlineData("""{"name": "-prod"}""", "clusters[0].name: \"-prod\"" + ClusterNameRule)]
    [InlineData("""{"name": "_prod"}""", "clusters[0].name: \"_prod\"" + ClusterNameRule)]
    [InlineData("""{"name": ""}""", "clusters[0].name: \"\"" + ClusterNameRule)]
    [InlineData("""{"name": "prod eu"}""", "clusters[0].name: \"prod eu\"" + ClusterNameRule)]
    [InlineData("""{"name": "prod.eu"}""", "clusters[0].name: \"prod.eu\"" + ClusterNameRule)]
    [InlineData("""{"name": "prod\n"}""", "clusters[0].name: \"prod\\n\"" + ClusterNameRule)]
    [InlineData("""{"region": "EU-west-1"}""", "clusters[0].region: \"EU-west-1\"" + RegionRule)]
    [InlineData("""{"region": "eu-west"}""", "clusters[0].region: \"eu-west\"" + RegionRule)]
    [InlineData("""{"region": "euwest1"}""", "clusters[0].region: \"euwest1\"" + RegionRule)]
    [InlineData("""{"region": "eu-west-1 "}""", "clusters[0].region: \"eu-west-1 \"" + RegionRule)]
    [InlineData("""{"region": "us-fed-west-1"}""", "clusters[0].region: \"us-fed-west-1\"" + RegionRule)]
    [InlineData("""{"namespaces": ["Prod"]}""", "clusters[0].namespaces[0]: \"Prod\" is not a valid namespace" + DnsLabelRule)]
    [InlineData("""{"namespaces": ["default", "-team"]}""", "clusters[0].namespaces[1]: \"-team\" is not a valid namespace" + DnsLabelRule)]
    [InlineData("""{"namespaces": ["team-"]}""", "clusters[0].namespaces[0]: \"team-\" is not a valid namespace" + DnsLabelRule)]
    [InlineData("""{"namespaces": ["team_a"]}""", "clusters[0].namespaces[0]: \"team_a\" is not a valid namespace" + DnsLabelRule)]
    [InlineData("""{"namespaces": ["team.a"]}""", "clusters[0].namespaces[0]: \"team.a\" is not a valid namespace" + DnsLabelRule)]
    [InlineData("""{"namespaces": [""]}""", "clusters[0].namespaces[0]: \"\" is not a valid namespace" + DnsLabelRule)]
    [InlineData("""{"serviceAccounts": ["Builder"]}""", "clusters[0].serviceAccounts[0]: \"Builder\" is not a valid service account" + DnsLabelRule)]
    [InlineData("""{"serviceAccounts": ["default", "ci:bot"]}""", "clusters[0].serviceAccounts[1]: \"ci:bot\" is not a valid service account" + DnsLabelRule)]
    [InlineData("""{"roleArn": "arn:aws:iam::12345:role/writer"}""", "clusters[0].roleArn: \"arn:aws:iam::12345:role/writer\"" + RoleArnRule)]
    [InlineData("""{"roleArn": "arn:aws:iam::210987654321:user/writer"}""", "clusters[0].roleArn: \"arn:aws:iam::210987654321:user/writer\"" + RoleArnRule)]
    [InlineData("""{"roleArn": "arn:aws:iam::210987654321:role/"}""", "clusters[0].roleArn: \"arn:aws:iam::210987654321:role/\"" + RoleArnRule)]
    [InlineData("""{"roleArn": "arn:aws:sts::210987654321:role/writer"}""", "clusters[0].roleArn: \"arn:aws:sts::210987654321:role/writer\"" + RoleArnRule)]
    [InlineData("""{"roleArn": "ecr-public-writer"}""", "clusters[0].roleArn: \"ecr-public-writer\"" + RoleArnRule)]
    [InlineData("""{"region": "cn-north-1"}""", "clusters[0].region: \"cn-north-1\" is in the aws-cn partition" + PartitionRule)]
    [InlineData("""{"region": "cn-northwest-1"}""", "clusters[0].region: \"cn-northwest-1\" is in the aws-cn partition" + PartitionRule)]
    [InlineData("""{"region": "us-gov-west-1"}""", "clusters[0].region: \"us-gov-west-1\" is in the aws-us-gov partition" + PartitionRule)]
    [InlineData("""{"region": "us-iso-east-1"}""", "clusters[0].region: \"us-iso-east-1\" is in the aws-iso partition" + PartitionRule)]
    [InlineData("""{"region": "us-isob-east-1"}""", "clusters[0].region: \"us-isob-east-1\" is in the aws-iso-b partition" + PartitionRule)]
    [InlineData("""{"region": "us-isof-south-1"}""", "clusters[0].region: \"us-isof-south-1\" is in the aws-iso-f partition" + PartitionRule)]
    [InlineData("""{"region": "eu-isoe-west-1"}""", "clusters[0].region: \"eu-isoe-west-1\" is in the aws-iso-e partition" + PartitionRule)]
    [InlineData("""{"region": "eusc-de-east-1"}""", "clusters[0].region: \"eusc-de-east-1\" is in the aws-eusc partition" + PartitionRule)]
    [InlineData("""{"roleArn": "arn:aws-cn:iam::210987654321:role/writer"}""", "clusters[0].roleArn: \"arn:aws-cn:iam::210987654321:role/writer\" is in the aws-cn partition" + PartitionRule)]
    [InlineData("""{"roleArn": "arn:aws-us-gov:iam::210987654321:role/team/Writer"}""", "clusters[0].roleArn: \"arn:aws-us-gov:iam::210987654321:role/team/Writer\" is in the aws-us-gov partition" + PartitionRule)]
    [InlineData("""{"roleArn": "arn:aws-iso-b:iam::210987654321:role/writer"}""", "clusters[0].roleArn: \"arn:aws-iso-b:iam::210987654321:role/writer\" is in the aws-iso-b partition" + PartitionRule)]
    public void A_bad_cluster_value_is_reported_with_its_path(string overrides, string expected)
    {
        Assert.Equal([expected], FleetJson.Errors(FleetJson.Document(overrides)));
    }

    [Theory]
    [InlineData("""{"name": "a"}""")]
    [InlineData("""{"name": "1st_Cluster-B"}""")]
    [InlineData("""{"region": "ap-southeast-4"}""")]
    [InlineData("""{"region": "mx-central-1"}""")]
    [InlineData("""{"region": "il-central-1"}""")]
    [InlineData("""{"region": "us-east-1"}""")]
    [InlineData("""{"namespaces": ["a", "kube-system", "0team9"]}""")]
    [InlineData("""{"serviceAccounts": []}""")]
    [InlineData("""{"serviceAccounts": ["default", "ci-bot"]}""")]
    [InlineData("""{"roleArn": "arn:aws:iam::210987654321:role/ecr-public-writer"}""")]
    [InlineData("""{"roleArn": "arn:aws:iam::210987654321:role/team/a/Writer+=,.@_-"}""")]
    [InlineData("""{"roleArn": null}""")]
    [InlineData("""{"serviceAccounts": null, "endpoint": null, "certificateAuthority": null}""")]
    public void A_good_cluster_value_passes(string overrides)
    {
        Assert.Single(FleetParser.Parse(FleetJson.Document(overrides)).Clusters);
    }

    [Fact]
    public void A_cluster_name_may_have_100_characters_but_not_101()
    {
        var longest = new string('a', 100);
        Assert.Equal(longest, FleetParser.Parse(FleetJson.Document($$"""{"name": "{{longest}}"}""")).Clusters[0].Name);

        var errors = FleetJson.Errors(FleetJson.Document($$"""{"name": "{{longest}}a"}"""));
        Assert.Equal([$"clusters[0].name: \"{new string('a', 64)}...\"{ClusterNameRule}"], errors);
    }

    [Fact]
    public void A_namespace_or_service_account_may_have_63_characters_but_not_64()
    {
        var longest = new string('n', 63);
        var cluster = FleetParser.Parse(FleetJson.Document($$"""{"namespaces": ["{{longest}}"], "serviceAccounts": ["{{longest}}"]}""")).Clusters[0];
        Assert.Equal([longest], cluster.Namespaces);
        Assert.Equal([longest], cluster.ServiceAccounts);

        var errors = FleetJson.Errors(FleetJson.Document($$"""{"namespaces": ["{{longest}}n"], "serviceAccounts": ["{{longest}}s"]}"""));
        Assert.Equal(
            [
                $"clusters[0].namespaces[0]: \"{new string('n', 64)}\" is not a valid namespace{DnsLabelRule}",
                $"clusters[0].serviceAccounts[0]: \"{longest}s\" is not a valid service account{DnsLabelRule}",
            ],
            errors);
    }

    [Theory]
    [InlineData("ecr-public-token")]
    [InlineData("a")]
    [InlineData("ecr.public-token.v2")]
    public void A_good_secret_name_passes(string secretName)
    {
        var fleet = FleetParser.Parse(FleetJson.Document("{}", $$"""{"secretName": "{{secretName}}"}"""));
        Assert.Equal(secretName, fleet.SecretName);
    }

    [Theory]
    [InlineData("Ecr-Public")]
    [InlineData("ecr..public")]
    [InlineData(".ecr")]
    [InlineData("ecr-.public")]
    [InlineData("ecr_public")]
    [InlineData("")]
    public void A_bad_secret_name_is_reported(string secretName)
    {
        var errors = FleetJson.Errors(FleetJson.Document("{}", $$"""{"secretName": "{{secretName}}"}"""));
        Assert.Equal([$"secretName: \"{secretName}\"{SecretNameRule}"], errors);
    }

    [Fact]
    public void A_secret_name_may_have_253_characters_but_not_254()
    {
        var longest = string.Join('.', Enumerable.Repeat(new string('s', 63), 4))[..253];
        Assert.Equal(longest, FleetParser.Parse(FleetJson.Document("{}", $$"""{"secretName": "{{longest}}"}""")).SecretName);

        var errors = FleetJson.Errors(FleetJson.Document("{}", $$"""{"secretName": "{{longest}}s"}"""));
        Assert.Equal([$"secretName: \"{new string('s', 63)}....\"{SecretNameRule}"], errors);
    }

    [Theory]
    [InlineData("http://abc.gr7.eu-west-1.eks.amazonaws.com", "\"http://abc.gr7.eu-west-1.eks.amazonaws.com\" is not an absolute https URL")]
    [InlineData("abc.gr7.eu-west-1.eks.amazonaws.com", "\"abc.gr7.eu-west-1.eks.amazonaws.com\" is not an absolute https URL")]
    [InlineData("/api", "\"/api\" is not an absolute https URL")]
    [InlineData("https://abc.eks.amazonaws.com?x=1", "\"https://abc.eks.amazonaws.com?x=1\" must not have a query or fragment")]
    [InlineData("https://abc.eks.amazonaws.com/#top", "\"https://abc.eks.amazonaws.com/#top\" must not have a query or fragment")]
    public void A_bad_endpoint_is_reported(string endpoint, string expected)
    {
        var errors = FleetJson.Errors(FleetJson.Document($$"""{"endpoint": "{{endpoint}}", "certificateAuthority": "{{Ca}}"}"""));
        Assert.Equal([$"clusters[0].endpoint: {expected}"], errors);
    }

    [Theory]
    [InlineData("https://admin:hunter2@abc.eks.amazonaws.com", "must not carry user information (credentials do not belong in the fleet)")]
    [InlineData("http://admin:hunter2@abc.eks.amazonaws.com", "is not an absolute https URL")]
    public void An_endpoint_with_credentials_is_reported_without_echoing_them(string endpoint, string expected)
    {
        var errors = FleetJson.Errors(FleetJson.Document($$"""{"endpoint": "{{endpoint}}", "certificateAuthority": "{{Ca}}"}"""));
        Assert.Equal([$"clusters[0].endpoint: {expected}"], errors);
        Assert.DoesNotContain("hunter2", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Endpoint_and_certificate_authority_are_read_when_both_are_given()
    {
        var cluster = FleetParser.Parse(FleetJson.Document(
            $$"""{"endpoint": "https://ABC.gr7.eu-west-1.eks.amazonaws.com", "certificateAuthority": "{{Ca}}"}""")).Clusters[0];
        Assert.Equal(new Uri("https://abc.gr7.eu-west-1.eks.amazonaws.com"), cluster.Endpoint);
        Assert.Equal(Ca, cluster.CertificateAuthority);
    }

    [Fact]
    public void Endpoint_without_certificate_authority_is_reported_at_the_missing_field()
    {
        var errors = FleetJson.Errors(FleetJson.Document("""{"endpoint": "https://abc.eks.amazonaws.com"}"""));
        Assert.Equal(["clusters[0].certificateAuthority: required when \"endpoint\" is set (give both or neither)"], errors);
    }

    [Fact]
    public void Certificate_authority_without_endpoint_is_reported_at_the_missing_field()
    {
        var errors = FleetJson.Errors(FleetJson.Document($$"""{"certificateAuthority": "{{Ca}}"}"""));
        Assert.Equal(["clusters[0].endpoint: required when \"certificateAuthority\" is set (give both or neither)"], errors);
    }

    public static TheoryData<string, string> BadCertificateAuthorities() => new()
    {
        { "not base64 at all!", "is not valid base64 (expected the base64 of a PEM certificate, as EKS DescribeCluster returns it)" },
        { TestCertificates.Base64("just some text, no PEM in it"), "does not decode to a PEM certificate (-----BEGIN CERTIFICATE-----)" },
        { TestCertificates.Base64("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n"), "does not decode to a PEM certificate (-----BEGIN CERTIFICATE-----)" },
        { TestCertificates.Base64("-----BEGIN CERTIFICATE-----\nc2VjcmV0LWJ1dC1ub3QtYS1jZXJ0aWZpY2F0ZQ==\n-----END CERTIFICATE-----\n"), "the PEM certificate does not parse as an X.509 certificate" },
        { TestCertificates.Base64("-----BEGIN CERTIFICATE-----\nnot base64 inside\n-----END CERTIFICATE-----\n"), "the PEM certificate does not parse as an X.509 certificate" },
        { "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----", "is PEM text; expected its base64 encoding (as EKS DescribeCluster returns it)" },
    };

    [Theory]
    [MemberData(nameof(BadCertificateAuthorities))]
    public void A_bad_certificate_authority_is_reported_without_echoing_it(string authority, string expected)
    {
        var errors = FleetJson.Errors(FleetJson.Document(
            $$"""{"endpoint": "https://abc.eks.amazonaws.com", "certificateAuthority": "{{authority}}"}"""));
        Assert.Equal([$"clusters[0].certificateAuthority: {expected}"], errors);
        Assert.DoesNotContain(authority, errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_authority_bundle_of_two_certificates_passes()
    {
        var bundle = string.Concat(
            System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(Ca)),
            System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(TestCertificates.CreateCaBase64())));
        var cluster = FleetParser.Parse(FleetJson.Document(
            $$"""{"endpoint": "https://abc.eks.amazonaws.com", "certificateAuthority": "{{TestCertificates.Base64(bundle)}}"}""")).Clusters[0];
        Assert.NotNull(cluster.CertificateAuthority);
    }
}
