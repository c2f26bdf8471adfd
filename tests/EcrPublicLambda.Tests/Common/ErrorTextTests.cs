using EcrPublicLambda.Common;
using EcrPublicLambda.Hosting;
using EcrPublicLambda.Hosting.Lambda;

namespace EcrPublicLambda.Tests.Common;

public sealed class ErrorTextTests
{
    [Theory]
    [InlineData("token k8s-aws-v1.aHR0cHM6Ly9zdHM_abc-def rejected", "token k8s-aws-v1.<redacted> rejected")]
    [InlineData("Authorization: Bearer eyJhbGciOiJSUzI1NiIs.eyJzdWIiOi.c2lnbmF0dXJl", "Authorization: Bearer <redacted>")]
    [InlineData("{\"password\":\"c2VjcmV0LXBhc3N3b3Jk\",\"username\":\"AWS\"}", "{\"password\":<redacted>,\"username\":\"AWS\"}")]
    [InlineData("data: {\".dockerconfigjson\":\"eyJhdXRocyI6e319\"}", "data: {\".dockerconfigjson\":<redacted>}")]
    [InlineData("\"auth\": \"QVdTOnNlY3JldA==\"", "\"auth\": <redacted>")]
    [InlineData("GET /?Action=GetCallerIdentity&X-Amz-Security-Token=IQoJb3JpZ2lu&X-Amz-Signature=abcdef0123", "GET /?Action=GetCallerIdentity&X-Amz-Security-Token=<redacted>&X-Amz-Signature=<redacted>")]
    [InlineData("Authorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261126/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027", "Authorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261126/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=<redacted>")]
    [InlineData("aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key=<redacted>")]
    public void Credentials_are_redacted(string text, string expected) => Assert.Equal(expected, ErrorText.Sanitize(text));

    [Theory]
    [InlineData("denied: {\"data\":{\".dockerconfigjson\":\"eyJhdXRocyI6eyJwdWJsaWMuZWNyLmF3cyI6", "denied: {\"data\":{\".dockerconfigjson\":<redacted>")]
    [InlineData("echo {\"password\":\"c2VjcmV0LXBhc3N3b3Jk", "echo {\"password\":<redacted>")]
    public void A_quoted_value_cut_before_its_closing_quote_is_redacted_to_the_end(string text, string expected) =>
        Assert.Equal(expected, ErrorText.Sanitize(text));

    [Fact]
    public void Messages_become_one_bounded_line()
    {
        Assert.Equal("first line second line", ErrorText.Sanitize("  first line\r\n\tsecond   line \n"));
        Assert.Equal("(no message)", ErrorText.Sanitize(" \n "));
        var longText = ErrorText.Sanitize(new string('a', 5000), 100);
        Assert.Equal(100, longText.Length);
        Assert.EndsWith("...", longText, StringComparison.Ordinal);
    }
}
