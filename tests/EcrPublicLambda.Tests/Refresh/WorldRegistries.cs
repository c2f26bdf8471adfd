using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Tests.Refresh;

/// <summary>
/// The fleet file's <c>registries</c> the secrecy and registry tests share: ECR Public, private ECR registries in two
/// regions (us-west-2 through <see cref="PullerRole"/>) and a Docker Hub login in Secrets Manager whose password holds
/// characters JSON and URLs escape, and every form in which one of their credentials could leak.
/// </summary>
internal static class WorldRegistries
{
    internal const string PullerRole = "arn:aws:iam::444455556666:role/ecr-puller";
    internal const string DockerHubArn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:dockerhub-AbCdEf";
    internal const string DockerHub = "https://index.docker.io/v1/";
    internal const string DockerHubUser = "octo-cat";

    /// <summary>The length of the pieces of a password that count as a leak.</summary>
    private const int Piece = 10;

    /// <summary>Escaped differently by JSON (<c>"</c>, <c>\</c>, and <c>+ &lt; &amp; &gt;</c> by the default encoder), URLs and HTML.</summary>
    internal const string DockerHubPassword = "dckr_pat_first+/<&>\"\\end";

    /// <summary>The password after a rotation (same characters, another value).</summary>
    internal const string RotatedPassword = "dckr_pat_rotated=+/<&>\"\\";

    /// <summary>Every server the fleet of <see cref="Apply"/> writes, in the order of the file.</summary>
    internal static readonly string[] AllServers =
    [
        "public.ecr.aws", "ecr-public.aws.com",
        "111122223333.dkr.ecr.eu-west-1.amazonaws.com", "111122223333.dkr-ecr.eu-west-1.on.aws",
        "777788889999.dkr.ecr.eu-west-1.amazonaws.com", "777788889999.dkr-ecr.eu-west-1.on.aws",
        "444455556666.dkr.ecr.us-west-2.amazonaws.com", "444455556666.dkr-ecr.us-west-2.on.aws",
        DockerHub,
    ];

    /// <summary>
    /// Stores the Docker Hub login in <paramref name="aws"/> and gives <paramref name="fleet"/> its <c>registries</c>
    /// (the secret named by its partial ARN, as the CDK context would).
    /// </summary>
    internal static void Apply(FakeAwsServer aws, JsonNode fleet)
    {
        aws.AddSecret(DockerHubArn, Login(DockerHubPassword));
        fleet["registries"] = JsonNode.Parse($$"""
            [
              {"type": "ecr-public"},
              {"type": "ecr", "name": "private-eu", "registryId": "111122223333", "region": "eu-west-1"},
              {"type": "ecr", "registryId": "777788889999", "region": "eu-west-1"},
              {"type": "ecr", "name": "private-us", "registryId": "444455556666", "region": "us-west-2", "roleArn": "{{PullerRole}}"},
              {"type": "secretsManager", "name": "docker-hub", "server": "{{DockerHub}}", "secretArn": "{{DockerHubArn[..^7]}}"}
            ]
            """);
    }

    /// <summary>A SecretString as a Docker Hub login is stored: <c>{"username": ..., "password": ...}</c>.</summary>
    internal static string Login(string password) =>
        new JsonObject { ["username"] = DockerHubUser, ["password"] = password }.ToJsonString();

    /// <summary>
    /// Every credential <paramref name="aws"/> hands out for the registries (ECR Public's and the private ECR passwords,
    /// the Docker Hub <paramref name="passwords"/>, the keys issued for <see cref="PullerRole"/>) in every form it could
    /// leak in: raw, as <c>auth</c> (base64 of <c>user:password</c>, as <c>.dockerconfigjson</c> and ECR's token hold
    /// it), JSON-escaped (by the default and the relaxed encoder, once, twice and three times: a SecretString in an answer
    /// body, and that again inside a report or a log line), URL-escaped, and for the Docker Hub passwords every piece of 10 characters.
    /// </summary>
    internal static List<string> SensitiveValues(FakeAwsServer aws, params string[] passwords)
    {
        var logins = new List<(string User, string Password)>
        {
            (FakeAwsServer.EcrUsername, aws.EcrPassword),
            (FakeAwsServer.EcrUsername, aws.PrivateEcrPassword("eu-west-1")),
            (FakeAwsServer.EcrUsername, aws.PrivateEcrPassword("us-west-2")),
        };
        var dockerHub = passwords.Length == 0 ? [DockerHubPassword] : passwords;
        logins.AddRange(dockerHub.Select(password => (DockerHubUser, password)));
        var values = new List<string>();

        // A piece of a value is a leak too (a message cut to length): every 10 characters of the Docker Hub passwords,
        // raw and in each escaped form (a piece of a SecretString is JSON-escaped once in it, twice in a report or a log
        // line). The fake ECR passwords end in region names, which outputs hold by right, so only whole ones count.
        foreach (var password in dockerHub.SelectMany(password => Escaped(password).Prepend(password)).Distinct(StringComparer.Ordinal))
        {
            values.AddRange(Enumerable.Range(0, Math.Max(0, password.Length - Piece + 1)).Select(at => password.Substring(at, Piece)));
        }

        foreach (var (user, password) in logins)
        {
            values.Add(password);
            values.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            values.AddRange(Escaped(password));
        }

        if (aws.IssuedCredentials.TryGetValue(PullerRole, out var puller))
        {
            values.Add(puller.SecretAccessKey);
            values.Add(puller.SessionToken!);
        }

        return [.. values.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Fails if <paramref name="text"/> (named <paramref name="where"/>) holds any of <paramref name="secrets"/>; the value is withheld.</summary>
    internal static void AssertNoneIn(string text, IReadOnlyList<string> secrets, string where)
    {
        for (var i = 0; i < secrets.Count; i++)
        {
            Assert.False(text.Contains(secrets[i], StringComparison.Ordinal), $"secret #{i} appears in {where}");
        }
    }

    private static IEnumerable<string> Escaped(string value)
    {
        foreach (var encoder in new[] { JavaScriptEncoder.Default, JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
        {
            var once = JsonEncodedText.Encode(value, encoder).ToString();
            var twice = JsonEncodedText.Encode(once, encoder).ToString();
            yield return once;
            yield return twice;
            yield return JsonEncodedText.Encode(twice, encoder).ToString();
        }

        yield return Uri.EscapeDataString(value);
    }
}
