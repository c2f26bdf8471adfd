using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Tests.Configuration;

/// <summary>The fleet's shape: required fields, JSON types, unknown fields, duplicates, defaults, and all errors at once.</summary>
public sealed class FleetParserTests
{
    [Fact]
    public void The_full_example_fleet_is_read_completely()
    {
        var ca = TestCertificates.CreateCaBase64();
        var fleet = FleetParser.Parse($$"""
            {
              "secretName": "ecr-public-token",
              "adoptExisting": false,
              "clusters": [
                {
                  "name": "prod-eu",
                  "region": "eu-west-1",
                  "namespaces": ["default", "monitoring"],
                  "serviceAccounts": ["default"],
                  "roleArn": "arn:aws:iam::210987654321:role/ecr-public-writer",
                  "endpoint": "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
                  "certificateAuthority": "{{ca}}"
                }
              ]
            }
            """);

        Assert.Equal("ecr-public-token", fleet.SecretName);
        Assert.False(fleet.AdoptExisting);
        var cluster = Assert.Single(fleet.Clusters);
        Assert.Equal("prod-eu", cluster.Name);
        Assert.Equal("eu-west-1", cluster.Region);
        Assert.Equal(["default", "monitoring"], cluster.Namespaces);
        Assert.Equal(["default"], cluster.ServiceAccounts);
        Assert.Equal("arn:aws:iam::210987654321:role/ecr-public-writer", cluster.RoleArn);
        Assert.Equal("https://abc.gr7.eu-west-1.eks.amazonaws.com/", cluster.Endpoint?.AbsoluteUri);
        Assert.Equal(ca, cluster.CertificateAuthority);
        Assert.Equal(
            [("default", "default"), ("monitoring", "default")],
            cluster.ServiceAccountTargets);
    }

    [Fact]
    public void Defaults_apply_to_every_optional_field()
    {
        var fleet = FleetParser.Parse("""{"clusters": [{"name": "dev", "region": "us-east-1", "namespaces": ["apps"]}]}""");

        Assert.Equal("ecr-public-token", fleet.SecretName);
        Assert.Equal(Fleet.DefaultSecretName, fleet.SecretName);
        Assert.False(fleet.AdoptExisting);
        Assert.Equal("default", fleet.Instance);
        var cluster = Assert.Single(fleet.Clusters);
        Assert.Empty(cluster.ServiceAccounts);
        Assert.Empty(cluster.ServiceAccountTargets);
        Assert.Null(cluster.RoleArn);
        Assert.Null(cluster.Endpoint);
        Assert.Null(cluster.CertificateAuthority);
    }

    [Fact]
    public void Null_optional_fields_mean_absent()
    {
        var fleet = FleetParser.Parse(FleetJson.Document(
            """{"serviceAccounts": null, "roleArn": null}""", """{"secretName": null, "adoptExisting": null, "instance": null}"""));
        Assert.Equal("ecr-public-token", fleet.SecretName);
        Assert.Equal(Fleet.DefaultInstance, fleet.Instance);
        Assert.False(fleet.AdoptExisting);
        Assert.Empty(fleet.Clusters[0].ServiceAccounts);
    }

    [Fact]
    public void Top_level_fields_are_read()
    {
        var fleet = FleetParser.Parse(FleetJson.Document("{}", """{"secretName": "pull.ecr", "adoptExisting": true, "instance": "Team_A.prod-2"}"""));
        Assert.Equal("pull.ecr", fleet.SecretName);
        Assert.True(fleet.AdoptExisting);
        Assert.Equal("Team_A.prod-2", fleet.Instance);
    }

    [Theory]
    [InlineData("""{"instance": 7}""", "instance: expected a string")]
    [InlineData("""{"instance": ""}""", "instance: \"\" is not a valid label value (1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit)")]
    [InlineData("""{"instance": "-blue"}""", "instance: \"-blue\" is not a valid label value (1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit)")]
    [InlineData("""{"instance": "blue/green"}""", "instance: \"blue/green\" is not a valid label value (1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit)")]
    [InlineData("""{"instance": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "instance: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is not a valid label value (1-63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit)")]
    public void An_instance_that_is_not_a_label_value_is_reported_at_its_path(string overrides, string expected)
    {
        Assert.Equal([expected], FleetJson.Errors(FleetJson.Document("{}", overrides)));
    }

    [Fact]
    public void Several_clusters_keep_their_order_and_the_same_name_may_be_in_two_regions()
    {
        var fleet = FleetParser.Parse("""
            {"clusters": [
              {"name": "prod", "region": "eu-west-1", "namespaces": ["a", "b"]},
              {"name": "prod", "region": "us-east-1", "namespaces": ["a"], "serviceAccounts": ["default", "ci"]}
            ]}
            """);
        Assert.Equal(["eu-west-1", "us-east-1"], fleet.Clusters.Select(c => c.Region));
        Assert.Equal([("a", "default"), ("a", "ci")], fleet.Clusters[1].ServiceAccountTargets);
    }

    [Theory]
    [InlineData("""{"name": 5}""", "clusters[0].name: expected a string")]
    [InlineData("""{"region": ["eu-west-1"]}""", "clusters[0].region: expected a string")]
    [InlineData("""{"name": null}""", "clusters[0].name: expected a string")]
    [InlineData("""{"namespaces": "default"}""", "clusters[0].namespaces: expected an array of strings")]
    [InlineData("""{"namespaces": null}""", "clusters[0].namespaces: expected an array of strings")]
    [InlineData("""{"namespaces": ["default", 7]}""", "clusters[0].namespaces[1]: expected a string")]
    [InlineData("""{"serviceAccounts": "default"}""", "clusters[0].serviceAccounts: expected an array of strings")]
    [InlineData("""{"serviceAccounts": [{"name": "default"}]}""", "clusters[0].serviceAccounts[0]: expected a string")]
    [InlineData("""{"roleArn": 210987654321}""", "clusters[0].roleArn: expected a string")]
    [InlineData("""{"endpoint": true, "certificateAuthority": "x"}""", "clusters[0].endpoint: expected a string")]
    public void A_wrong_json_type_in_a_cluster_is_reported(string overrides, string expected)
    {
        var errors = FleetJson.Errors(FleetJson.Document(overrides));
        Assert.Equal(expected, errors[0]);
    }

    [Theory]
    [InlineData("""{"secretName": 1}""", "secretName: expected a string")]
    [InlineData("""{"adoptExisting": "yes"}""", "adoptExisting: expected true or false")]
    [InlineData("""{"adoptExisting": 1}""", "adoptExisting: expected true or false")]
    public void A_wrong_json_type_at_the_top_level_is_reported(string overrides, string expected)
    {
        Assert.Equal([expected], FleetJson.Errors(FleetJson.Document("{}", overrides)));
    }

    [Theory]
    [InlineData("[]", "$: expected a JSON object with a \"clusters\" array")]
    [InlineData("\"clusters\"", "$: expected a JSON object with a \"clusters\" array")]
    [InlineData("{}", "clusters: required field is missing")]
    [InlineData("""{"clusters": {}}""", "clusters: expected an array of cluster objects")]
    [InlineData("""{"clusters": null}""", "clusters: expected an array of cluster objects")]
    [InlineData("""{"clusters": []}""", "clusters: at least one cluster is required")]
    [InlineData("""{"clusters": ["prod-eu"]}""", "clusters[0]: expected a cluster object")]
    public void A_bad_document_shape_is_reported(string json, string expected)
    {
        Assert.Equal([expected], FleetJson.Errors(json));
    }

    [Fact]
    public void Missing_required_cluster_fields_are_each_reported()
    {
        var errors = FleetJson.Errors("""{"clusters": [{}]}""");
        Assert.Equal(
            [
                "clusters[0].name: required field is missing",
                "clusters[0].region: required field is missing",
                "clusters[0].namespaces: required field is missing",
            ],
            errors);
    }

    [Fact]
    public void An_empty_namespace_list_is_reported()
    {
        Assert.Equal(
            ["clusters[0].namespaces: at least one namespace is required"],
            FleetJson.Errors(FleetJson.Document("""{"namespaces": []}""")));
    }

    [Theory]
    [InlineData("""{"namespace": ["default"]}""", "clusters[0].namespace: unknown field (did you mean \"namespaces\"?)")]
    [InlineData("""{"serviceAccount": ["default"]}""", "clusters[0].serviceAccount: unknown field (did you mean \"serviceAccounts\"?)")]
    [InlineData("""{"role_arn": "x"}""", "clusters[0].role_arn: unknown field (did you mean \"roleArn\"?)")]
    [InlineData("""{"role-arn": "x"}""", "clusters[0].role-arn: unknown field (did you mean \"roleArn\"?)")]
    [InlineData("""{"RoleARN": "x"}""", "clusters[0].RoleARN: unknown field (did you mean \"roleArn\"?)")]
    [InlineData("""{"certificateAuthorityData": "x"}""", "clusters[0].certificateAuthorityData: unknown field (did you mean \"certificateAuthority\"?)")]
    [InlineData("""{"regoin": "x"}""", "clusters[0].regoin: unknown field (did you mean \"region\"?)")]
    [InlineData("""{"labels": {}}""", "clusters[0].labels: unknown field (expected one of: name, kind, region, namespaces, excludeNamespaces, namespaceSelector, serviceAccounts, roleArn, endpoint, certificateAuthority, credentialsSecretArn, kmsKeyArn)")]
    [InlineData("""{"a b": 1}""", "clusters[0][\"a b\"]: unknown field (expected one of: name, kind, region, namespaces, excludeNamespaces, namespaceSelector, serviceAccounts, roleArn, endpoint, certificateAuthority, credentialsSecretArn, kmsKeyArn)")]
    public void An_unknown_cluster_field_is_reported_with_a_suggestion_when_close(string overrides, string expected)
    {
        Assert.Equal([expected], FleetJson.Errors(FleetJson.Document(overrides)));
    }

    [Theory]
    [InlineData("""{"secretname": "x"}""", "secretname: unknown field (did you mean \"secretName\"?)")]
    [InlineData("""{"adopt": true}""", "adopt: unknown field (did you mean \"adoptExisting\"?)")]
    [InlineData("""{"schedule": "rate(4 hours)"}""", "schedule: unknown field (expected one of: secretName, adoptExisting, instance, clusters)")]
    [InlineData("""{"": 1}""", "$[\"\"]: unknown field (expected one of: secretName, adoptExisting, instance, clusters)")]
    public void An_unknown_top_level_field_is_reported(string overrides, string expected)
    {
        Assert.Equal([expected], FleetJson.Errors(FleetJson.Document("{}", overrides)));
    }

    [Fact]
    public void A_field_given_twice_is_reported()
    {
        var errors = FleetJson.Errors("""{"clusters": [{"name": "a", "region": "eu-west-1", "name": "b", "namespaces": ["x"]}]}""");
        Assert.Equal(["clusters[0].name: field appears more than once"], errors);
    }

    [Fact]
    public void A_duplicate_cluster_is_reported_with_the_first_occurrence()
    {
        var errors = FleetJson.Errors("""
            {"clusters": [
              {"name": "prod", "region": "eu-west-1", "namespaces": ["a"]},
              {"name": "dev", "region": "eu-west-1", "namespaces": ["a"]},
              {"name": "prod", "region": "eu-west-1", "namespaces": ["b"]}
            ]}
            """);
        Assert.Equal(["clusters[2]: duplicate cluster \"prod\" in region \"eu-west-1\" (same as clusters[0])"], errors);
    }

    [Fact]
    public void Duplicate_namespaces_and_service_accounts_within_a_cluster_are_reported()
    {
        var errors = FleetJson.Errors(FleetJson.Document(
            """{"namespaces": ["default", "apps", "default"], "serviceAccounts": ["ci", "ci"]}"""));
        Assert.Equal(
            [
                "clusters[0].namespaces[2]: duplicate namespace \"default\" (same as clusters[0].namespaces[0])",
                "clusters[0].serviceAccounts[1]: duplicate service account \"ci\" (same as clusters[0].serviceAccounts[0])",
            ],
            errors);
    }

    [Fact]
    public void The_same_namespace_in_two_clusters_is_fine()
    {
        var fleet = FleetParser.Parse("""
            {"clusters": [
              {"name": "a", "region": "eu-west-1", "namespaces": ["default"]},
              {"name": "b", "region": "eu-west-1", "namespaces": ["default"]}
            ]}
            """);
        Assert.Equal(2, fleet.Clusters.Count);
    }

    [Fact]
    public void Invalid_json_is_one_error_with_line_and_position()
    {
        var errors = FleetJson.Errors("{\n  \"clusters\": [\n    {\"name\": \"prod\",}\n  ]\n}");
        var error = Assert.Single(errors);
        Assert.Equal("$: invalid JSON at line 3, position 21: The JSON object contains a trailing comma at the end which is not supported in this mode.", error);
    }

    [Fact]
    public void Empty_input_is_invalid_json()
    {
        var error = Assert.Single(FleetJson.Errors("   "));
        Assert.StartsWith("$: invalid JSON at line 1, position ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_error_of_a_config_is_reported_at_once()
    {
        var errors = FleetJson.Errors("""
            {
              "secretName": "Ecr_Token",
              "adoptExisting": "no",
              "clusters": [
                {"name": "prod eu", "region": "eu-west-1", "namespaces": ["default", "Prod"], "namespace": ["x"]},
                {"name": "dev", "region": "Europe", "namespaces": [], "roleArn": "arn:aws:iam::1:role/x",
                 "endpoint": "http://dev.example.com"},
                {"name": "dev", "region": "Europe", "namespaces": ["default", "default"], "serviceAccounts": ["CI"]}
              ]
            }
            """);
        Assert.Equal(
            [
                "secretName: \"Ecr_Token\" is not a valid Secret name (a DNS-1123 subdomain: at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit)",
                "adoptExisting: expected true or false",
                "clusters[0].namespace: unknown field (did you mean \"namespaces\"?)",
                "clusters[0].name: \"prod eu\" is not a valid EKS cluster name (1-100 letters, digits, '-' or '_', starting with a letter or digit)",
                "clusters[0].namespaces[1]: \"Prod\" is not a valid namespace name (a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)",
                "clusters[1].region: \"Europe\" is not a valid AWS region (a region code such as eu-west-1 or us-gov-west-1)",
                "clusters[1].namespaces: at least one namespace is required",
                "clusters[1].roleArn: \"arn:aws:iam::1:role/x\" is not a valid IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<path/name>)",
                "clusters[1].endpoint: \"http://dev.example.com\" is not an absolute https URL",
                "clusters[1].certificateAuthority: required when \"endpoint\" is set (give both or neither)",
                "clusters[2].region: \"Europe\" is not a valid AWS region (a region code such as eu-west-1 or us-gov-west-1)",
                "clusters[2].namespaces[1]: duplicate namespace \"default\" (same as clusters[2].namespaces[0])",
                "clusters[2].serviceAccounts[0]: \"CI\" is not a valid service account name (a DNS-1123 label: at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit)",
                "clusters[2]: duplicate cluster \"dev\" in region \"Europe\" (same as clusters[1])",
            ],
            errors);
    }

    [Fact]
    public void The_exception_message_lists_every_error()
    {
        var e = Assert.Throws<FleetValidationException>(() => FleetParser.Parse("""{"clusters": [{"name": "-a", "region": "x", "namespaces": ["A"]}]}"""));
        Assert.Equal(3, e.Errors.Count);
        Assert.Equal(string.Join(Environment.NewLine, e.Errors), e.Message);
    }
}
