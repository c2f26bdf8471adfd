using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Fakes;

/// <summary>The fake AWS refuses requests signed too far from its clock the way each service does, and dates every answer.</summary>
public sealed class FakeAwsServerSkewTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 6, 20, 0, TimeSpan.Zero);
    private static readonly AwsCredentials Keys = new(FakeAwsServer.AccessKeyId, FakeAwsServer.SecretAccessKey, null);

    [Fact]
    public async Task ECR_Public_answers_403_InvalidSignatureException_in_AWS_JSON_with_the_expired_window()
    {
        await using var aws = await FakeAwsServer.StartAsync(new FakeTimeProvider(Now));
        using var http = new HttpClient();

        using var response = await SendAsync(http, Ecr(aws), Now.AddMinutes(-20));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Now, response.Headers.Date);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("InvalidSignatureException", body.RootElement.GetProperty("__type").GetString());
        Assert.Equal(
            "Signature expired: 20261127T060000Z is now earlier than 20261127T061500Z (20261127T062000Z - 5 min.)",
            body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task EKS_answers_403_with_the_error_type_in_its_header_and_names_a_date_in_the_future()
    {
        await using var aws = await FakeAwsServer.StartAsync(new FakeTimeProvider(Now));
        aws.AddCluster(new FakeEksCluster("prod", "eu-west-1", "https://example.invalid", "Q0E="));
        using var http = new HttpClient();
        var describe = new AwsRequest("EKS", "DescribeCluster", "eks", "eu-west-1", HttpMethod.Get, new Uri(aws.Endpoint, "clusters/prod"), [], []);

        using var response = await SendAsync(http, describe, Now.AddMinutes(20));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(Now, response.Headers.Date);
        Assert.Equal("InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/", response.Headers.GetValues("x-amzn-ErrorType").Single());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            "Signature not yet current: 20261127T064000Z is still later than 20261127T062500Z (20261127T062000Z + 5 min.)",
            body.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task STS_allows_15_minutes_and_then_answers_SignatureDoesNotMatch_in_its_XML()
    {
        await using var aws = await FakeAwsServer.StartAsync(new FakeTimeProvider(Now));
        using var http = new HttpClient();

        using var accepted = await SendAsync(http, AssumeRole(aws), Now.AddMinutes(-14));
        using var refused = await SendAsync(http, AssumeRole(aws), Now.AddMinutes(-20));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(Now, refused.Headers.Date);
        var error = XDocument.Parse(await refused.Content.ReadAsStringAsync()).Root!.Elements().Single(e => e.Name.LocalName == "Error");
        string Field(string name) => error.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("Sender", Field("Type"));
        Assert.Equal("SignatureDoesNotMatch", Field("Code"));
        Assert.Equal("Signature expired: 20261127T060000Z is now earlier than 20261127T060500Z (20261127T062000Z - 15 min.)", Field("Message"));
    }

    [Fact]
    public async Task Every_answer_carries_the_fake_clock_as_an_RFC_1123_Date()
    {
        await using var aws = await FakeAwsServer.StartAsync(new FakeTimeProvider(Now));
        using var http = new HttpClient();

        using var ok = await SendAsync(http, Ecr(aws), Now.AddMinutes(4));
        using var unknown = await http.GetAsync(new Uri(aws.Endpoint, "nothing-here"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(["Fri, 27 Nov 2026 06:20:00 GMT"], ok.Headers.GetValues("Date"));
        Assert.Equal(Now, unknown.Headers.Date);
    }

    private static AwsRequest Ecr(FakeAwsServer aws) => AwsJson11.Request(
        EcrPublicClient.Service, "GetAuthorizationToken", EcrPublicClient.SigningName, EcrPublicClient.Region, aws.Endpoint, EcrPublicClient.Target, "{}"u8.ToArray());

    private static AwsRequest AssumeRole(FakeAwsServer aws) => new(
        "STS", "AssumeRole", "sts", "eu-west-1", HttpMethod.Post, aws.Endpoint,
        [new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")],
        Encoding.UTF8.GetBytes("Action=AssumeRole&Version=2011-06-15&RoleArn=" + Uri.EscapeDataString("arn:aws:iam::111122223333:role/writer") + "&RoleSessionName=skew"));

    /// <summary>Sends <paramref name="request"/> signed at <paramref name="signedAt"/>, as a client with that clock would.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, AwsRequest request, DateTimeOffset signedAt)
    {
        var signature = SigV4Signer.Sign(Keys, request.SigningName, request.Region, request.Method.Method, request.Url, request.Headers, request.Body, signedAt);
        using var message = new HttpRequestMessage(request.Method, request.Url);
        if (request.Method != HttpMethod.Get)
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name == "Content-Type")
            {
                message.Content!.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                message.Headers.TryAddWithoutValidation(name, value);
            }
        }

        message.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
        Assert.Equal(signedAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), signature.AmzDate);
        return await http.SendAsync(message);
    }
}
