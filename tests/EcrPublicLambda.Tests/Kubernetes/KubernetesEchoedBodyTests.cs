using EcrPublicLambda.Common;
using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Tests.Kubernetes;

/// <summary>
/// An admission webhook that denies the Secret and echoes the request in its message: the Secret's base64 and the
/// password are redacted BEFORE the message is cut to length, so no piece of them reaches the report or a log line.
/// </summary>
public sealed class KubernetesEchoedBodyTests
{
    [Theory]
    [InlineData(409, "Conflict", false, "Conflict")]
    [InlineData(409, "Conflict", true, "Conflict")]
    [InlineData(422, "Invalid", false, "Failed")]
    public async Task A_webhook_echoing_the_Secret_leaks_no_piece_of_it(int code, string reason, bool adopt, string expectedResult)
    {
        var expected = Enum.Parse<SecretResult>(expectedResult);
        await using var test = await ClusterUnderTest.StartAsync();
        test.Server.EchoingWebhook = (code, reason);

        var (result, error) = await test.ApplyAsync(adopt: adopt);

        Assert.Equal(expected, result);
        Assert.Contains($"admission webhook \"echo.policy.example.com\" denied the request:", error, StringComparison.Ordinal);
        Assert.Contains(Redaction.Marker, error, StringComparison.Ordinal);
        test.AssertNoSecretIn(error);

        // Not even a piece: no 16 characters in a row of the password or of any value made from it.
        foreach (var value in ClusterUnderTest.Secret.SensitiveValues())
        {
            for (var start = 0; start + 16 <= value.Length; start++)
            {
                Assert.DoesNotContain(value.Substring(start, 16), error, StringComparison.Ordinal);
                Assert.All(test.LogLines, line => Assert.DoesNotContain(value.Substring(start, 16), line, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void The_servers_message_is_redacted_before_it_is_cut()
    {
        var secret = ClusterUnderTest.Secret.DockerConfigJsonBase64;

        // Unquoted, so only the exact-value redaction can catch it; long enough that the cut falls inside it.
        var message = "admission webhook \"w\" denied the request: data=" + new string('x', 300) + " " + secret + " trailing";
        var body = System.Text.Encoding.UTF8.GetBytes(
            $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":{{System.Text.Json.JsonSerializer.Serialize(message)}},"reason":"Invalid","code":422}""");

        var described = KubernetesErrors.Describe(new KubernetesResponse(422, body, null), ClusterUnderTest.Secret.SensitiveValues());

        Assert.DoesNotContain(secret[..16], described, StringComparison.Ordinal);
        Assert.Contains(Redaction.Marker, described, StringComparison.Ordinal);
    }
}
