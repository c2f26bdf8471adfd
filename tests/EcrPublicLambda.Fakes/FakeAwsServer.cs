using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Configuration;
using EcrPublicLambda.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// ECR Public, ECR, EKS, Secrets Manager, STS, SSM and Lambda on one loopback Kestrel port, faithful at the wire level:
/// ECR Public and ECR GetAuthorizationToken (AWS JSON 1.1), Secrets Manager GetSecretValue (AWS JSON 1.1, see
/// <see cref="AddSecret"/>), EKS DescribeCluster (REST-JSON, error type in <c>x-amzn-ErrorType</c>), STS
/// AssumeRole (Query protocol, XML), SSM GetParameter (AWS JSON 1.1: a missing parameter is HTTP 400
/// <c>{"__type":"ParameterNotFound"}</c>, SSM API reference "GetParameter"), Lambda PutFunctionConcurrency (REST-JSON:
/// an unknown function is 404 <c>ResourceNotFoundException</c>, a bad value 400 <c>InvalidParameterValueException</c>,
/// Lambda API reference "PutFunctionConcurrency"). Every request must carry a well-formed SigV4 Authorization header for the expected signing name
/// and region; for access keys whose secret it knows (see <see cref="AddCredentials"/>, and every AssumeRole it
/// issued) it recomputes the signature from the bytes on the wire. Failures can be scripted per operation.
/// Its clock is the <see cref="TimeProvider"/> it was started with: every answer carries it as <c>Date</c> (RFC 1123),
/// and, like AWS, it refuses a request whose <c>X-Amz-Date</c> is too far from it (<see cref="SkewWindow"/>) with the
/// service's own answer: HTTP 403 <c>InvalidSignatureException</c> "Signature expired: …" from ECR Public (JSON 1.1)
/// and EKS (REST-JSON, in <c>x-amzn-ErrorType</c>), and an XML <c>SignatureDoesNotMatch</c> from STS, whose window
/// is 15 minutes instead of 5.
/// Point clients at it with <see cref="Environment"/> (<c>AWS_ENDPOINT_URL</c>).
/// </summary>
internal sealed partial class FakeAwsServer : IAsyncDisposable
{
    internal const string AccessKeyId = "AKIDFAKEAWSSERVER001";
    internal const string SecretAccessKey = "fake/Secret+Key/0123456789abcdefghijklmn";
    internal const string EcrUsername = "AWS";

    /// <summary>The media type of AWS JSON 1.1 requests and answers (Smithy, "AWS JSON 1.1 protocol"), the fake's own copy.</summary>
    private const string Json11 = "application/x-amz-json-1.1";

    private readonly WebApplication app;
    private readonly TimeProvider clock;
    private readonly ConcurrentQueue<FakeAwsRequest> requests = new();
    private readonly ConcurrentDictionary<(string Name, string Region), FakeEksCluster> clusters = new();
    private readonly ConcurrentDictionary<string, string> secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AwsCredentials> issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Value, string? ReaderRoleArn)> storedSecrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> deniedRoles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string AccessKeyId, string SecretAccessKey)> roleKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FakeAwsOperation, ConcurrentQueue<FakeAwsFailure>> scripts = new();
    private readonly ConcurrentDictionary<(string Name, string Region), string> parameters = new();
    private readonly ConcurrentDictionary<(string Name, string Region), int?> functions = new();
    private readonly TaskCompletionSource gathered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int issuedCount;
    private int arrivals;

    private FakeAwsServer(WebApplication app, TimeProvider clock)
    {
        this.app = app;
        this.clock = clock;
        secrets[AccessKeyId] = SecretAccessKey;
    }

    internal Uri Endpoint { get; private set; } = null!;

    /// <summary>The ECR Public password it hands out.</summary>
    internal string EcrPassword { get; set; } = "eyJwYXlsb2FkIjoiZmFrZSBlY3IgcHVibGljIHBhc3N3b3JkIn0=";

    /// <summary>The ECR Public token expiry, epoch seconds (fractional, as AWS sends it).</summary>
    internal double EcrExpiresAt { get; set; } = 1795694399.123;

    /// <summary>When set, GetAuthorizationToken answers 200 with this body verbatim.</summary>
    internal string? EcrRawBody { get; set; }

    /// <summary>How long issued AssumeRole credentials live.</summary>
    internal TimeSpan RoleCredentialsLifetime { get; set; } = TimeSpan.FromHours(1);

    internal IReadOnlyList<FakeAwsRequest> Requests => [.. requests];

    /// <summary>Every request waits this long before it is answered (benchmarks: a round trip to a remote region).</summary>
    internal TimeSpan Latency { get; set; }

    /// <summary>
    /// When set, no request is answered until this many have arrived: requests that are in flight together all get
    /// through at once and <see cref="Gathered"/> turns true; requests sent one after another each wait
    /// <see cref="GatherTimeout"/> and it stays false.
    /// </summary>
    internal int GatherRequests { get; set; }

    /// <summary>How long a request waits for the others of <see cref="GatherRequests"/> (shorter than a client attempt's timeout).</summary>
    internal TimeSpan GatherTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether <see cref="GatherRequests"/> requests were in flight at the same time.</summary>
    internal bool Gathered => gathered.Task.IsCompletedSuccessfully;

    /// <summary>Credentials issued by AssumeRole, by role ARN (the latest per role).</summary>
    internal IReadOnlyDictionary<string, AwsCredentials> IssuedCredentials => issued;

    internal static async Task<FakeAwsServer> StartAsync(TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeAwsServer(app, clock ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        return server;
    }

    /// <summary>An environment with the fake's endpoint and its default credentials, plus <paramref name="extra"/>.</summary>
    internal AppEnvironment Environment(params (string Name, string Value)[] extra)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = Endpoint.AbsoluteUri,
            ["AWS_ACCESS_KEY_ID"] = AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey,
        };
        foreach (var (name, value) in extra)
        {
            variables[name] = value;
        }

        return new AppEnvironment(variables, AppContext.BaseDirectory);
    }

    /// <summary>An SSM String parameter GetParameter answers with.</summary>
    internal void PutParameter(string name, string region, string value) => parameters[(name, region)] = value;

    /// <summary>A Lambda function PutFunctionConcurrency knows (any other name is 404), with no reserved concurrency yet.</summary>
    internal void AddFunction(string name, string region, int? reservedConcurrency = null) => functions[(name, region)] = reservedConcurrency;

    /// <summary>The function's reserved concurrency as last set (null: none).</summary>
    internal int? ReservedConcurrency(string name, string region) => functions.TryGetValue((name, region), out var value) ? value : null;

    internal FakeEksCluster AddCluster(FakeEksCluster cluster)
    {
        clusters[(cluster.Name, cluster.Region)] = cluster;
        return cluster;
    }

    /// <summary>Lets the fake verify signatures made with this key pair byte for byte.</summary>
    internal void AddCredentials(string accessKeyId, string secretAccessKey) => secrets[accessKeyId] = secretAccessKey;

    /// <summary>
    /// AssumeRole of this role issues this key pair (with a fresh session token each time), so a fake API server can be
    /// set up beforehand to trust the role's credentials and nothing else.
    /// </summary>
    internal void SetRoleKeys(string roleArn, string accessKeyId, string secretAccessKey) => roleKeys[roleArn] = (accessKeyId, secretAccessKey);

    /// <summary>
    /// Stores a secret under its complete ARN (<c>...:secret:NAME-AbCdEf</c>); GetSecretValue finds it by that ARN, by the
    /// partial ARN without the 6-character suffix, or by its name. With <paramref name="readerRoleArn"/>, only that role's
    /// AssumeRole credentials may read it (anyone else: AccessDeniedException), as a resource policy or IAM would have it.
    /// </summary>
    internal void AddSecret(string arn, string secretString, string? readerRoleArn = null) => storedSecrets[arn] = (secretString, readerRoleArn);

    /// <summary>AssumeRole of this role answers 403 AccessDenied.</summary>
    internal void DenyRole(string roleArn) => deniedRoles[roleArn] = true;

    /// <summary>The next requests to <paramref name="operation"/> fail like this, in order; then it answers normally.</summary>
    internal void Script(FakeAwsOperation operation, params FakeAwsFailure[] failures)
    {
        var queue = scripts.GetOrAdd(operation, _ => new ConcurrentQueue<FakeAwsFailure>());
        foreach (var failure in failures)
        {
            queue.Enqueue(failure);
        }
    }

    internal int Count(FakeAwsOperation operation) => requests.Count(r => r.Operation == operation);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task GatherAsync(CancellationToken cancellationToken)
    {
        if (GatherRequests <= 0)
        {
            return;
        }

        if (Interlocked.Increment(ref arrivals) >= GatherRequests)
        {
            gathered.TrySetResult();
        }

        try
        {
            await gathered.Task.WaitAsync(GatherTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Not all arrived together: answer anyway; Gathered stays false.
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.Date = clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var request = context.Request;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true
            ? ParseForm(body)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var operation = Route(request, headers, form);
        var (expectedService, expectedRegion) = operation switch
        {
            FakeAwsOperation.GetAuthorizationToken => ("ecr-public", "us-east-1"),
            FakeAwsOperation.DescribeCluster => ("eks", null),
            FakeAwsOperation.AssumeRole => ("sts", null),
            FakeAwsOperation.GetSecretValue => ("secretsmanager", null),
            FakeAwsOperation.GetEcrAuthorizationToken => ("ecr", null),
            FakeAwsOperation.GetParameter => ("ssm", null),
            FakeAwsOperation.PutFunctionConcurrency => ("lambda", null),
            _ => ((string?)null, (string?)null),
        };
        var auth = CheckSignature(request, headers, body, expectedService, expectedRegion);

        // AWS checks the signing time before the signature: a skewed request is "Signature expired" whatever its signature.
        var skew = headers.TryGetValue("X-Amz-Date", out var amzDate)
            && DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt)
            && operation != FakeAwsOperation.Unknown
                ? SkewProblem(signedAt, clock.GetUtcNow(), SkewWindow(operation))
                : null;
        requests.Enqueue(new FakeAwsRequest(
            operation, request.Method, request.Path + request.QueryString, headers, body, auth.AccessKeyId, auth.Service, auth.Region, skew ?? auth.Problem));
        await GatherAsync(context.RequestAborted);

        var protocol = operation switch
        {
            FakeAwsOperation.AssumeRole => FakeAwsProtocol.Query,
            FakeAwsOperation.DescribeCluster or FakeAwsOperation.PutFunctionConcurrency => FakeAwsProtocol.RestJson,
            _ => FakeAwsProtocol.Json,
        };
        if (operation == FakeAwsOperation.Unknown)
        {
            await ErrorAsync(context, protocol, HttpStatusCode.BadRequest, "UnknownOperationException", $"no fake for {request.Method} {request.Path}");
            return;
        }

        if (skew is not null)
        {
            await ErrorAsync(context, protocol, HttpStatusCode.Forbidden, protocol == FakeAwsProtocol.Query ? "SignatureDoesNotMatch" : "InvalidSignatureException", skew);
            return;
        }

        if (auth.Problem is not null)
        {
            var code = auth.Problem.StartsWith("signature", StringComparison.Ordinal) ? "SignatureDoesNotMatch" : "IncompleteSignatureException";
            await ErrorAsync(context, protocol, HttpStatusCode.Forbidden, code, auth.Problem);
            return;
        }

        if (scripts.TryGetValue(operation, out var script) && script.TryDequeue(out var failure))
        {
            await (operation == FakeAwsOperation.GetSecretValue ? FailSecretsManagerAsync(context, failure) : FailAsync(context, protocol, failure));
            return;
        }

        switch (operation)
        {
            case FakeAwsOperation.GetAuthorizationToken:
                await GetAuthorizationTokenAsync(context);
                break;
            case FakeAwsOperation.GetSecretValue:
                await GetSecretValueAsync(context, body, auth.AccessKeyId!, auth.Region!);
                break;
            case FakeAwsOperation.GetEcrAuthorizationToken:
                await GetEcrAuthorizationTokenAsync(context, body, auth.Region!);
                break;
            case FakeAwsOperation.DescribeCluster:
                await DescribeClusterAsync(context, Uri.UnescapeDataString(request.Path.Value!["/clusters/".Length..]), auth.Region!);
                break;
            case FakeAwsOperation.GetParameter:
                await GetParameterAsync(context, body, auth.Region!);
                break;
            case FakeAwsOperation.PutFunctionConcurrency:
                await PutFunctionConcurrencyAsync(context, Uri.UnescapeDataString(request.Path.Value!.Split('/')[3]), body, auth.Region!);
                break;
            default:
                await AssumeRoleAsync(context, form);
                break;
        }
    }

    /// <summary>How far a request's <c>X-Amz-Date</c> may be from the service's clock: 15 minutes at STS, 5 elsewhere.</summary>
    internal static TimeSpan SkewWindow(FakeAwsOperation operation) =>
        operation == FakeAwsOperation.AssumeRole ? TimeSpan.FromMinutes(15) : TimeSpan.FromMinutes(5);

    /// <summary>
    /// AWS's words for a request signed too long ago or too far ahead, e.g. <c>Signature expired: 20261127T060000Z is now
    /// earlier than 20261127T061500Z (20261127T062000Z - 5 min.)</c>; null when <paramref name="amzDate"/> is in the window.
    /// </summary>
    internal static string? SkewProblem(DateTimeOffset signedAt, DateTimeOffset now, TimeSpan window)
    {
        static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var minutes = window.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
        return signedAt < now - window
            ? $"Signature expired: {Format(signedAt)} is now earlier than {Format(now - window)} ({Format(now)} - {minutes} min.)"
            : signedAt > now + window
                ? $"Signature not yet current: {Format(signedAt)} is still later than {Format(now + window)} ({Format(now)} + {minutes} min.)"
                : null;
    }

    private static FakeAwsOperation Route(HttpRequest request, Dictionary<string, string> headers, Dictionary<string, string> form)
    {
        if (request.Method == "POST" && request.Path == "/"
            && headers.GetValueOrDefault("X-Amz-Target") == EcrPublicClient.Target
            && request.ContentType == Json11)
        {
            return FakeAwsOperation.GetAuthorizationToken;
        }

        if (request.Method == "POST" && request.Path == "/"
            && headers.GetValueOrDefault("X-Amz-Target") == SecretsManagerClient.Target
            && request.ContentType == Json11)
        {
            return FakeAwsOperation.GetSecretValue;
        }

        if (request.Method == "POST" && request.Path == "/"
            && headers.GetValueOrDefault("X-Amz-Target") == EcrClient.Target
            && request.ContentType == Json11)
        {
            return FakeAwsOperation.GetEcrAuthorizationToken;
        }

        if (request.Method == "POST" && request.Path == "/"
            && headers.GetValueOrDefault("X-Amz-Target") == SsmClient.Target
            && request.ContentType == Json11)
        {
            return FakeAwsOperation.GetParameter;
        }

        if (request.Method == "PUT" && FunctionConcurrencyPath().IsMatch(request.Path.Value ?? string.Empty))
        {
            return FakeAwsOperation.PutFunctionConcurrency;
        }

        if (request.Method == "GET" && request.Path.StartsWithSegments("/clusters", StringComparison.Ordinal)
            && request.Path.Value!.Count(c => c == '/') == 2)
        {
            return FakeAwsOperation.DescribeCluster;
        }

        return request.Method == "POST" && form.GetValueOrDefault("Action") == "AssumeRole" && form.GetValueOrDefault("Version") == "2011-06-15"
            ? FakeAwsOperation.AssumeRole
            : FakeAwsOperation.Unknown;
    }

    private (string? AccessKeyId, string? Service, string? Region, string? Problem) CheckSignature(
        HttpRequest request, Dictionary<string, string> headers, string body, string? expectedService, string? expectedRegion)
    {
        if (!headers.TryGetValue("Authorization", out var authorization))
        {
            return (null, null, null, "missing Authorization header");
        }

        var match = FakeSigV4Verifier.AuthorizationPattern().Match(authorization);
        if (!match.Success || match.Groups["key"].Length < 16)
        {
            return (null, null, null, "Authorization header is not AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…");
        }

        var (accessKey, date, region, service) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var signed = match.Groups["signed"].Value.Split(';');
        string? problem = null;
        if (!headers.TryGetValue("X-Amz-Date", out var amzDate) || !AmzDatePattern().IsMatch(amzDate) || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            problem = "X-Amz-Date is missing or does not match the credential scope date";
        }
        else if (!signed.Contains("host") || !signed.Contains("x-amz-date") || !signed.SequenceEqual(signed.Order(StringComparer.Ordinal)))
        {
            problem = "SignedHeaders must be sorted and include host and x-amz-date";
        }
        else if (headers.ContainsKey("X-Amz-Security-Token") && !signed.Contains("x-amz-security-token"))
        {
            problem = "X-Amz-Security-Token is sent but not signed";
        }
        else if (signed.Any(name => !headers.ContainsKey(name)))
        {
            problem = "a signed header is not on the request";
        }
        else if ((expectedService is not null && service != expectedService) || (expectedRegion is not null && region != expectedRegion))
        {
            problem = $"credential scope names {service}/{region}, expected {expectedService}/{expectedRegion ?? "<any>"}";
        }
        else if (secrets.TryGetValue(accessKey, out var secret))
        {
            var url = new Uri($"{request.Scheme}://{headers["Host"]}{request.Path}{request.QueryString}");
            problem = FakeSigV4Verifier.Verify(request.Method, url, headers, Encoding.UTF8.GetBytes(body), secret);
        }

        return (accessKey, service, region, problem);
    }

    private async Task GetAuthorizationTokenAsync(HttpContext context)
    {
        var body = EcrRawBody ?? JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["authorizationData"] = new Dictionary<string, object>
            {
                ["authorizationToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{EcrUsername}:{EcrPassword}")),
                ["expiresAt"] = EcrExpiresAt,
            },
        });
        await WriteAsync(context, HttpStatusCode.OK, Json11, body);
    }

    /// <summary>The password ECR GetAuthorizationToken hands out in <paramref name="region"/>.</summary>
    internal string PrivateEcrPassword(string region) => $"{PrivateEcrPasswordPrefix}{region}";

    /// <summary>The start of every private ECR password (tests rotate it to see a new token).</summary>
    internal string PrivateEcrPasswordPrefix { get; set; } = "eyJwYXlsb2FkIjoiZmFrZSBwcml2YXRlIGVjciJ9-";

    /// <summary>
    /// ECR GetAuthorizationToken (docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetAuthorizationToken.html): a
    /// list of <c>authorizationData</c>, one per registry asked for (the deprecated <c>registryIds</c>) or one for the
    /// caller's default registry, each with its <c>proxyEndpoint</c>; the token is valid 12 hours. The fake's registry
    /// account is 111122223333.
    /// </summary>
    private async Task GetEcrAuthorizationTokenAsync(HttpContext context, string body, string region)
    {
        List<string> ids = ["111122223333"];
        try
        {
            using var document = JsonDocument.Parse(body.Length == 0 ? "{}" : body);
            if (document.RootElement.TryGetProperty("registryIds", out var asked) && asked.ValueKind == JsonValueKind.Array)
            {
                ids = [.. asked.EnumerateArray().Select(id => id.GetString()!)];
            }
        }
        catch (JsonException)
        {
            await ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "SerializationException", "Start of structure or map found where not expected.");
            return;
        }

        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{EcrUsername}:{PrivateEcrPassword(region)}"));
        var answer = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["authorizationData"] = ids.Select(id => new Dictionary<string, object>
            {
                ["authorizationToken"] = token,
                ["expiresAt"] = EcrExpiresAt,
                ["proxyEndpoint"] = $"https://{id}.dkr.ecr.{region}.amazonaws.com",
            }).ToList(),
        });
        await WriteAsync(context, HttpStatusCode.OK, Json11, answer);
    }

    /// <summary>
    /// GetSecretValue (docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html): the current
    /// version's <c>SecretString</c>. Its errors are HTTP 400 with <c>__type</c> (CommonErrors.html: AccessDeniedException
    /// is 400 here too); a secret asked of another region than its own is not found there.
    /// </summary>
    private async Task GetSecretValueAsync(HttpContext context, string body, string accessKeyId, string region)
    {
        string? secretId = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            secretId = document.RootElement.TryGetProperty("SecretId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
        }
        catch (JsonException)
        {
            // Answered below as a missing SecretId.
        }

        if (string.IsNullOrEmpty(secretId))
        {
            await ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "InvalidParameterException", "SecretId is required");
            return;
        }

        var found = storedSecrets.FirstOrDefault(entry => SecretMatches(entry.Key, secretId));
        if (found.Key is null || found.Key.Split(':')[3] != region)
        {
            await ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            return;
        }

        if (found.Value.ReaderRoleArn is { } reader && (!issued.TryGetValue(reader, out var readerCredentials) || readerCredentials.AccessKeyId != accessKeyId))
        {
            await ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "AccessDeniedException",
                $"User: {accessKeyId} is not authorized to perform: secretsmanager:GetSecretValue on resource: {secretId} because no identity-based policy allows the secretsmanager:GetSecretValue action");
            return;
        }

        var name = found.Key[(found.Key.IndexOf(":secret:", StringComparison.Ordinal) + ":secret:".Length)..^7];
        var answer = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ARN"] = found.Key,
            ["Name"] = name,
            ["VersionId"] = "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1",
            ["SecretString"] = found.Value.Value,
            ["VersionStages"] = new[] { "AWSCURRENT" },
            ["CreatedDate"] = 1.7e9,
        });
        await WriteAsync(context, HttpStatusCode.OK, Json11, answer);
    }

    /// <summary>A complete ARN, the partial ARN (without <c>-AbCdEf</c>), or the secret's name.</summary>
    private static bool SecretMatches(string completeArn, string secretId) =>
        secretId == completeArn
        || secretId == completeArn[..^7]
        || secretId == completeArn[(completeArn.IndexOf(":secret:", StringComparison.Ordinal) + ":secret:".Length)..^7];

    /// <summary>Secrets Manager's own error answers: every one HTTP 400 but the throttling and server ones.</summary>
    private static Task FailSecretsManagerAsync(HttpContext context, FakeAwsFailure failure) => failure switch
    {
        FakeAwsFailure.AccessDenied => ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "AccessDeniedException", "not authorized to perform: secretsmanager:GetSecretValue"),
        FakeAwsFailure.ResourceNotFound => ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "ResourceNotFoundException", "Secrets Manager can't find the specified secret."),
        FakeAwsFailure.DecryptionFailure => ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "DecryptionFailure", "Secrets Manager can't decrypt the protected secret text using the provided KMS key."),
        FakeAwsFailure.InvalidRequest => ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "InvalidRequestException", "You can't perform this operation on the secret because it was marked for deletion."),
        _ => FailAsync(context, FakeAwsProtocol.Json, failure),
    };

    private async Task DescribeClusterAsync(HttpContext context, string name, string region)
    {
        if (!clusters.TryGetValue((name, region), out var cluster))
        {
            context.Response.Headers["x-amzn-ErrorType"] = "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.eks/";
            await WriteAsync(context, HttpStatusCode.NotFound, "application/json", JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = $"No cluster found for name: {name}." }));
            return;
        }

        var body = new Dictionary<string, object?>
        {
            ["cluster"] = new Dictionary<string, object?>
            {
                ["name"] = cluster.Name,
                ["arn"] = $"arn:aws:eks:{cluster.Region}:111122223333:cluster/{cluster.Name}",
                ["createdAt"] = 1.7e9,
                ["version"] = "1.31",
                ["endpoint"] = cluster.Status is "CREATING" or "PENDING" ? null : cluster.Endpoint,
                ["roleArn"] = "arn:aws:iam::111122223333:role/eks-cluster",
                ["certificateAuthority"] = new Dictionary<string, string> { ["data"] = cluster.CertificateAuthority },
                ["status"] = cluster.Status,
                ["platformVersion"] = "eks.8",
                ["tags"] = new Dictionary<string, string>(),
                ["resourcesVpcConfig"] = new Dictionary<string, object?>
                {
                    ["subnetIds"] = new[] { "subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002" },
                    ["securityGroupIds"] = Array.Empty<string>(),
                    ["clusterSecurityGroupId"] = "sg-0a1b2c3d4e5f60001",
                    ["vpcId"] = "vpc-0a1b2c3d4e5f60001",
                    ["endpointPublicAccess"] = cluster.EndpointPublicAccess,
                    ["endpointPrivateAccess"] = cluster.EndpointPrivateAccess,

                    // EKS lists the CIDRs only while the public endpoint is on.
                    ["publicAccessCidrs"] = cluster.EndpointPublicAccess ? cluster.PublicAccessCidrs ?? ["0.0.0.0/0"] : null,
                },
                ["accessConfig"] = cluster.AuthenticationMode is null ? null : new Dictionary<string, object> { ["bootstrapClusterCreatorAdminPermissions"] = true, ["authenticationMode"] = cluster.AuthenticationMode },
            },
        };
        await WriteAsync(context, HttpStatusCode.OK, "application/json", JsonSerializer.Serialize(body));
    }

    private async Task GetParameterAsync(HttpContext context, string body, string region)
    {
        string? name = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            name = document.RootElement.TryGetProperty("Name", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            // Answered as a missing name below.
        }

        if (string.IsNullOrEmpty(name))
        {
            await ErrorAsync(context, FakeAwsProtocol.Json, HttpStatusCode.BadRequest, "ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
            return;
        }

        if (!parameters.TryGetValue((name, region), out var stored))
        {
            // SSM answers a missing parameter with its type and no message.
            await WriteAsync(context, HttpStatusCode.BadRequest, Json11, """{"__type":"ParameterNotFound"}""");
            return;
        }

        var answer = new Dictionary<string, object>
        {
            ["Parameter"] = new Dictionary<string, object>
            {
                ["ARN"] = $"arn:aws:ssm:{region}:111122223333:parameter{(name.StartsWith('/') ? name : "/" + name)}",
                ["DataType"] = "text",
                ["LastModifiedDate"] = 1.7e9,
                ["Name"] = name,
                ["Type"] = "String",
                ["Value"] = stored,
                ["Version"] = 1,
            },
        };
        await WriteAsync(context, HttpStatusCode.OK, Json11, JsonSerializer.Serialize(answer));
    }

    private async Task PutFunctionConcurrencyAsync(HttpContext context, string name, string body, string region)
    {
        int? executions = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            executions = document.RootElement.TryGetProperty("ReservedConcurrentExecutions", out var value) && value.TryGetInt32(out var n) && n >= 0 ? n : null;
        }
        catch (JsonException)
        {
            // Answered as an invalid value below.
        }

        if (executions is null)
        {
            await LambdaErrorAsync(context, HttpStatusCode.BadRequest, "InvalidParameterValueException", "ReservedConcurrentExecutions must be a whole number of at least 0");
            return;
        }

        if (!functions.ContainsKey((name, region)))
        {
            await LambdaErrorAsync(context, HttpStatusCode.NotFound, "ResourceNotFoundException", $"Function not found: arn:aws:lambda:{region}:111122223333:function:{name}");
            return;
        }

        functions[(name, region)] = executions;
        await WriteAsync(context, HttpStatusCode.OK, "application/json", $$"""{"ReservedConcurrentExecutions":{{executions}}}""");
    }

    /// <summary>Lambda's REST-JSON error: the type in <c>x-amzn-ErrorType</c>, and <c>{"Type":"User","message":...}</c>.</summary>
    private static Task LambdaErrorAsync(HttpContext context, HttpStatusCode status, string code, string message)
    {
        context.Response.Headers["x-amzn-ErrorType"] = code;
        return WriteAsync(context, status, "application/json", JsonSerializer.Serialize(new Dictionary<string, string> { ["Type"] = "User", ["message"] = message }));
    }

    private async Task AssumeRoleAsync(HttpContext context, Dictionary<string, string> form)
    {
        var roleArn = form.GetValueOrDefault("RoleArn") ?? string.Empty;
        var sessionName = form.GetValueOrDefault("RoleSessionName") ?? string.Empty;
        if (FleetRules.RoleArn(roleArn) is not null || sessionName.Length is < 2 or > 64)
        {
            await ErrorAsync(context, FakeAwsProtocol.Query, HttpStatusCode.BadRequest, "ValidationError", "1 validation error detected: RoleArn or RoleSessionName is invalid");
            return;
        }

        if (deniedRoles.ContainsKey(roleArn))
        {
            await ErrorAsync(context, FakeAwsProtocol.Query, HttpStatusCode.Forbidden, "AccessDenied", $"User: arn:aws:iam::111122223333:user/caller is not authorized to perform: sts:AssumeRole on resource: {roleArn}");
            return;
        }

        var n = Interlocked.Increment(ref issuedCount);
        (string AccessKeyId, string SecretAccessKey) keys = roleKeys.TryGetValue(roleArn, out var set) ? set : ($"ASIAFAKEROLE{n:D8}", $"role/secret+{n:D4}/abcdefghijklmnopqrstuvwx");
        var credentials = new AwsCredentials(
            keys.AccessKeyId,
            keys.SecretAccessKey,
            $"FwoGZXIvYXdzEFAKE{n}//////////SESSION+TOKEN=",
            DateTimeOffset.FromUnixTimeSeconds((clock.GetUtcNow() + RoleCredentialsLifetime).ToUnixTimeSeconds()));
        issued[roleArn] = credentials;
        secrets[credentials.AccessKeyId] = credentials.SecretAccessKey;
        var xml = $"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <SourceIdentity>caller</SourceIdentity>
                <AssumedRoleUser>
                  <Arn>{SecurityElement.Escape(roleArn.Replace(":iam::", ":sts::", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal))}/{sessionName}</Arn>
                  <AssumedRoleId>AROAFAKE{n:D8}:{SecurityElement.Escape(sessionName)}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{credentials.AccessKeyId}</AccessKeyId>
                  <SecretAccessKey>{credentials.SecretAccessKey}</SecretAccessKey>
                  <SessionToken>{credentials.SessionToken}</SessionToken>
                  <Expiration>{credentials.ExpiresAt!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata>
                <RequestId>{Guid.NewGuid()}</RequestId>
              </ResponseMetadata>
            </AssumeRoleResponse>
            """;
        await WriteAsync(context, HttpStatusCode.OK, "text/xml", xml);
    }

    private static Task FailAsync(HttpContext context, FakeAwsProtocol protocol, FakeAwsFailure failure)
    {
        var query = protocol == FakeAwsProtocol.Query;
        return failure switch
        {
            FakeAwsFailure.Throttling => ErrorAsync(context, protocol, HttpStatusCode.BadRequest, query ? "Throttling" : "ThrottlingException", "Rate exceeded"),
            FakeAwsFailure.TooManyRequests => ErrorAsync(context, protocol, HttpStatusCode.TooManyRequests, "TooManyRequestsException", "Too many requests"),
            FakeAwsFailure.ServerError => ErrorAsync(context, protocol, HttpStatusCode.InternalServerError, query ? "InternalFailure" : "ServerException", "Internal server error"),
            FakeAwsFailure.ServiceUnavailable => ErrorAsync(context, protocol, HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException", "Service unavailable"),
            FakeAwsFailure.AccessDenied => ErrorAsync(context, protocol, HttpStatusCode.Forbidden, query ? "AccessDenied" : "AccessDeniedException", "User: arn:aws:iam::111122223333:user/caller is not authorized to perform this operation"),
            FakeAwsFailure.ResourceNotFound => ErrorAsync(context, protocol, HttpStatusCode.NotFound, "ResourceNotFoundException", "No cluster found."),
            FakeAwsFailure.Validation => ErrorAsync(context, protocol, HttpStatusCode.BadRequest, query ? "ValidationError" : "ValidationException", "1 validation error detected"),
            FakeAwsFailure.Redirect => Redirect(context),
            _ => Disconnect(context),
        };
    }

    private static Task Redirect(HttpContext context)
    {
        context.Response.StatusCode = (int)HttpStatusCode.TemporaryRedirect;
        context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}/redirected";
        return Task.CompletedTask;
    }

    private static Task Disconnect(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>An error in the protocol's own shape.</summary>
    private static Task ErrorAsync(HttpContext context, FakeAwsProtocol protocol, HttpStatusCode status, string code, string message)
    {
        switch (protocol)
        {
            case FakeAwsProtocol.Query:
                var xml = $"""
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <Error>
                        <Type>{((int)status >= 500 ? "Receiver" : "Sender")}</Type>
                        <Code>{code}</Code>
                        <Message>{SecurityElement.Escape(message)}</Message>
                      </Error>
                      <RequestId>{Guid.NewGuid()}</RequestId>
                    </ErrorResponse>
                    """;
                return WriteAsync(context, status, "text/xml", xml);
            case FakeAwsProtocol.RestJson when context.Request.Path.StartsWithSegments("/2017-10-31", StringComparison.Ordinal):
                return LambdaErrorAsync(context, status, code, message);
            case FakeAwsProtocol.RestJson:
                // Errors of the service framework (signatures) name its namespace, the API's own errors EKS's.
                var space = code.Contains("Signature", StringComparison.Ordinal) ? "com.amazon.coral.service" : "com.amazonaws.eks";
                context.Response.Headers["x-amzn-ErrorType"] = $"{code}:http://internal.amazon.com/coral/{space}/";
                return WriteAsync(context, status, "application/json", JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message }));
            default:
                return WriteAsync(context, status, Json11, JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }));
        }
    }

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, string contentType, string body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = contentType;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static Dictionary<string, string> ParseForm(string body) =>
        body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : string.Empty, StringComparer.Ordinal);

    [GeneratedRegex(@"^/2017-10-31/functions/[^/]+/concurrency$")]
    private static partial Regex FunctionConcurrencyPath();

    [GeneratedRegex(@"^[0-9]{8}T[0-9]{6}Z$")]
    private static partial Regex AmzDatePattern();
}
