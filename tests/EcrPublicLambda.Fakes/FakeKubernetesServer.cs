using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// A Kubernetes API server on 127.0.0.1 (random port, HTTPS with a CA made in the test) that authenticates client
/// certificates its CA issued, ServiceAccount tokens it issued, and EKS bearer tokens like aws-iam-authenticator + STS
/// (<see cref="FakeKubernetesClientAuthenticator"/>, <see cref="FakeKubernetesAuthenticator"/>), authorizes per namespace/verb/resource, and serves Secrets and
/// ServiceAccounts with real write semantics (see <see cref="FakeKubernetesStore"/>). Faults, latency, a request
/// log and a hook before each request make failure paths testable. Start several for several clusters.
/// </summary>
internal sealed class FakeKubernetesServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly FakeKubernetesCertificates certificates;
    private readonly FakeKubernetesCertificates? otherCertificates;
    private readonly FakeKubernetesAuthenticator authenticator;
    private readonly FakeKubernetesClientAuthenticator clientAuthenticator;
    private readonly FakeKubernetesOptions options;
    private readonly Lock gate = new();
    private readonly List<FakeKubernetesRequest> requests = [];
    private readonly List<FakeKubernetesFault> faults = [];
    private readonly List<FakeKubernetesOversizedAnswer> oversized = [];
    private long oversizedBytesSent;
    private readonly List<(string? Namespace, string? Verb, string? Resource)> denials = [];
    private readonly Dictionary<(string Verb, string Resource), HashSet<string>> nameGrants = [];
    private readonly HashSet<string> connections = new(StringComparer.Ordinal);
    private readonly HashSet<string> protocols = new(StringComparer.Ordinal);
    private readonly List<string> authenticatedUsers = [];
    private int inFlight;
    private int maxInFlight;

    private FakeKubernetesServer(
        WebApplication app,
        FakeKubernetesCertificates certificates,
        FakeKubernetesCertificates? otherCertificates,
        FakeKubernetesOptions options)
    {
        this.app = app;
        this.certificates = certificates;
        this.otherCertificates = otherCertificates;
        this.options = options;
        authenticator = new FakeKubernetesAuthenticator(
            options.ClusterName,
            options.Region,
            options.Credentials.ToDictionary(c => c.AccessKeyId, StringComparer.Ordinal),
            options.Clock);
        clientAuthenticator = new FakeKubernetesClientAuthenticator(certificates.Authority, options.Clock);
        Store = new FakeKubernetesStore(options.Clock);
        Leases = new FakeKubernetesLeases(Store, options.Clock);
        foreach (var ns in options.Namespaces)
        {
            Store.AddNamespace(ns);
        }
    }

    /// <summary>The API server URL, e.g. <c>https://127.0.0.1:41234</c>.</summary>
    internal Uri Endpoint { get; private set; } = null!;

    /// <summary>The cluster CA as EKS gives it (base64 of PEM).</summary>
    internal string CertificateAuthority => certificates.AuthorityBase64Pem;

    internal string ClusterName => options.ClusterName;

    internal string Region => options.Region;

    internal FakeKubernetesStore Store { get; }

    /// <summary>The <c>coordination.k8s.io</c> Leases it serves.</summary>
    internal FakeKubernetesLeases Leases { get; }

    /// <summary>How long each answer is held back after the request was handled (benchmarks, concurrency tests).</summary>
    internal TimeSpan Latency { get; set; }

    /// <summary>
    /// A validating admission webhook that denies every write (create, update, patch) with this code and reason, and
    /// whose message echoes the request body, as careless webhooks do: <c>admission webhook "..." denied the request: BODY</c>.
    /// </summary>
    internal (int Code, string Reason)? EchoingWebhook { get; set; }

    /// <summary>Runs before each request is handled, e.g. to change an object "concurrently".</summary>
    internal Action<FakeKubernetesRequest>? BeforeHandle { get; set; }

    /// <summary>The connections the requests so far came on (cleared with <see cref="ClearRequests"/>).</summary>
    internal int ConnectionCount
    {
        get
        {
            lock (gate)
            {
                return connections.Count;
            }
        }
    }

    /// <summary>The HTTP versions the requests so far came with, e.g. <c>HTTP/2</c>.</summary>
    internal IReadOnlyList<string> Protocols
    {
        get
        {
            lock (gate)
            {
                return [.. protocols.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The most requests that were in flight at the same time.</summary>
    internal int MaxConcurrentRequests => Volatile.Read(ref maxInFlight);

    internal IReadOnlyList<FakeKubernetesRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return requests.ToList();
            }
        }
    }

    internal static async Task<FakeKubernetesServer> StartAsync(FakeKubernetesOptions? options = null)
    {
        options ??= new FakeKubernetesOptions();
        var certificates = FakeKubernetesCertificates.Create(
            $"{options.ClusterName}-ca", options.ServeCertificateForAnotherName ? ["other-cluster.example.com"] : options.ServerCertificateNames);
        var other = options.ServeCertificateFromAnotherCa ? FakeKubernetesCertificates.Create("some-other-ca") : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = options.Http1Only ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
            // As kube-apiserver: a client certificate is requested, not required, and judged by the x509 authenticator.
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = (other ?? certificates).Server,
                ClientCertificateMode = ClientCertificateMode.AllowCertificate,
                ClientCertificateValidation = (_, _, _) => true,
            });
        }));
        var app = builder.Build();
        var server = new FakeKubernetesServer(app, certificates, other, options);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>A valid token for this cluster, presigned like <c>aws eks get-token</c> at <paramref name="signedAt"/> (default: the fake's now).</summary>
    internal string MintToken(DateTimeOffset? signedAt = null, FakeKubernetesCredential? credential = null, string? sessionToken = null)
    {
        credential ??= options.Credentials[0];
        return FakeKubernetesSigV4.MintToken(
            options.ClusterName, options.Region, credential.AccessKeyId, credential.SecretAccessKey, sessionToken, signedAt ?? options.Clock.GetUtcNow());
    }

    /// <summary>A ServiceAccount token (a JWT with <c>exp</c>) this server accepts until <paramref name="expiresAt"/> or <see cref="RevokeToken"/>.</summary>
    internal string IssueServiceAccountToken(string ns, string serviceAccount, DateTimeOffset expiresAt) =>
        clientAuthenticator.IssueToken(ns, serviceAccount, expiresAt);

    /// <summary>Refuses <paramref name="token"/> from now on, as the API server does once its ServiceAccount or Secret is gone.</summary>
    internal void RevokeToken(string token) => clientAuthenticator.Revoke(token);

    /// <summary>A client certificate and key (PEM) this server's client CA signed: user <paramref name="commonName"/>, group <paramref name="organization"/>.</summary>
    internal (string CertificatePem, string KeyPem) IssueClientCertificate(string commonName, string organization = "ecr-public-lambda", DateTimeOffset? notAfter = null) =>
        FakeKubernetesClientAuthenticator.IssueCertificate(certificates.Authority, commonName, organization, notAfter ?? DateTimeOffset.UtcNow.AddDays(20));

    /// <summary>The users the requests so far authenticated as (x509 CN, ServiceAccount, or IAM), in order of first use.</summary>
    internal IReadOnlyList<string> AuthenticatedUsers
    {
        get
        {
            lock (gate)
            {
                return [.. authenticatedUsers];
            }
        }
    }

    /// <summary>A bearer-token provider that mints a fresh valid token at each call, counting the calls.</summary>
    internal Func<CancellationToken, ValueTask<string>> TokenProvider(StrongBox<int>? calls = null) => _ =>
    {
        if (calls is not null)
        {
            Interlocked.Increment(ref calls.Value);
        }

        return ValueTask.FromResult(MintToken());
    };

    /// <summary>An HttpClient that trusts this fake's CA (only) and sends <paramref name="token"/> (default: a freshly minted one).</summary>
    internal HttpClient CreateClient(string? token = null)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(certificates.Authority);
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy } };
        var client = new HttpClient(handler) { BaseAddress = Endpoint };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? MintToken());
        return client;
    }

    /// <summary>Answers 403 Forbidden to requests matching all the given parts (null matches anything).</summary>
    internal void Deny(string? ns = null, string? verb = null, string? resource = null)
    {
        lock (gate)
        {
            denials.Add((ns, verb, resource));
        }
    }

    /// <summary>
    /// Allows <paramref name="verb"/> on <paramref name="resource"/> only for these names, as an RBAC rule with
    /// <c>resourceNames</c> does (<c>plugin/pkg/auth/authorizer/rbac/rbac.go</c>, <c>ResourceNameMatches</c>): a request
    /// without a name (a list with no exact <c>metadata.name</c> field selector) or for another name answers 403.
    /// </summary>
    internal void AllowOnlyNames(string verb, string resource, params string[] names)
    {
        lock (gate)
        {
            nameGrants[(verb, resource)] = new HashSet<string>(names, StringComparer.Ordinal);
        }
    }

    /// <summary>Answers <paramref name="statusCode"/> (with a Status body and optional Retry-After) to the next <paramref name="times"/> matching requests.</summary>
    internal void InjectFault(int statusCode, int times, TimeSpan? retryAfter = null, string? pathContains = null, string? method = null)
    {
        lock (gate)
        {
            faults.Add(new FakeKubernetesFault(statusCode, times, retryAfter, pathContains, method));
        }
    }

    /// <summary>
    /// Answers every matching request with 200 (or <paramref name="statusCode"/>) and a JSON body of <paramref name="bytes"/>
    /// bytes (null: endless), declaring its length or not: an answer larger than any client should hold.
    /// </summary>
    internal void AnswerOversized(long? bytes, bool declareLength, string? pathContains = null, string? method = null, int statusCode = 200)
    {
        lock (gate)
        {
            oversized.Add(new FakeKubernetesOversizedAnswer(bytes, declareLength, statusCode, pathContains, method));
        }
    }

    /// <summary>How many bytes of oversized answers were written before the clients stopped reading (or they ended).</summary>
    internal long OversizedBytesSent => Interlocked.Read(ref oversizedBytesSent);

    internal int CountRequests(string method, string? pathContains = null) =>
        Requests.Count(r => r.Method == method && (pathContains is null || r.Path.Contains(pathContains, StringComparison.Ordinal)));

    internal void ClearRequests()
    {
        lock (gate)
        {
            requests.Clear();
            connections.Clear();
            protocols.Clear();
        }
    }

    /// <summary>Creates a namespace with labels and a phase (<c>Active</c> or <c>Terminating</c>); see <see cref="FakeKubernetesStore.AddNamespace"/>.</summary>
    internal void SeedNamespace(string name, IReadOnlyDictionary<string, string>? labels = null, string phase = FakeKubernetesNamespace.Active) =>
        Store.AddNamespace(name, labels, phase);

    /// <summary>Starts deleting a namespace: it stays, in phase <c>Terminating</c>, and refuses new objects.</summary>
    internal void TerminateNamespace(string name) => Store.SetNamespacePhase(name, FakeKubernetesNamespace.Terminating);

    /// <summary>Creates a Secret as another tool would (an Update by <paramref name="manager"/>; null: no managed fields at all).</summary>
    internal void SeedSecret(string ns, string name, string type, IReadOnlyDictionary<string, string> data, string? manager = "kubectl-create", IReadOnlyDictionary<string, string>? labels = null)
    {
        var encoded = new JsonObject();
        foreach (var (key, value) in data)
        {
            encoded[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
        }

        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            metadata["labels"] = new JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value)));
        }

        Store.Create("secrets", ns, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = metadata, ["type"] = type, ["data"] = encoded }, manager, dryRun: false);
    }

    /// <summary>Creates a ServiceAccount with the given pull secrets, in order (none: no <c>imagePullSecrets</c> field).</summary>
    internal void SeedServiceAccount(string ns, string name, IEnumerable<string> imagePullSecrets, string? manager = "kube-controller-manager")
    {
        var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ServiceAccount", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } };
        var list = imagePullSecrets.Select(s => (JsonNode?)new JsonObject { ["name"] = s }).ToArray();
        if (list.Length > 0)
        {
            body["imagePullSecrets"] = new JsonArray(list);
        }

        Store.Create("serviceaccounts", ns, body, manager, dryRun: false);
    }

    /// <summary>The pull-secret names of a ServiceAccount, in order.</summary>
    internal IReadOnlyList<string> PullSecretsOf(string ns, string name) =>
        (Store.Get("serviceaccounts", ns, name)["imagePullSecrets"] as JsonArray ?? [])
            .Select(item => (string)item!["name"]!)
            .ToList();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificates.Dispose();
        otherCertificates?.Dispose();
    }

    private static (string Verb, string Resource, string? Namespace, string? Name) Route(string method, string[] segments)
    {
        if (segments.Length == 3 && segments[0] == "api" && segments[1] == "v1" && FakeKubernetesStore.Kinds.ContainsKey(segments[2]))
        {
            // A list across every namespace (GET /api/v1/secrets); its name for authorization comes from the query.
            return method == "GET"
                ? ("list", segments[2], null, null)
                : throw new FakeKubernetesException(405, FakeKubernetesStatus.Body(405, "MethodNotAllowed", "the server does not allow this method on the requested resource"));
        }

        if (segments.Length < 3 || segments[0] != "api" || segments[1] != "v1" || segments[2] != "namespaces")
        {
            throw FakeKubernetesStatus.NoRoute();
        }

        switch (segments.Length)
        {
            case 3 when method == "GET":
                return ("list", "namespaces", null, null);
            case 4 when method == "GET":
                return ("get", "namespaces", null, segments[3]);
            case 5 when FakeKubernetesStore.Kinds.ContainsKey(segments[4]) && method is "GET" or "POST":
                return (method == "GET" ? "list" : "create", segments[4], segments[3], null);
            case 6 when FakeKubernetesStore.Kinds.ContainsKey(segments[4]) && method is "GET" or "PUT" or "PATCH" or "DELETE":
                return (method switch { "GET" => "get", "PUT" => "update", "DELETE" => "delete", _ => "patch" }, segments[4], segments[3], segments[5]);
            case 3 or 4 or 5 or 6 when segments.Length < 5 || FakeKubernetesStore.Kinds.ContainsKey(segments[4]):
                throw new FakeKubernetesException(405, FakeKubernetesStatus.Body(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource"));
            default:
                throw FakeKubernetesStatus.NoRoute();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = new FakeKubernetesRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.ContentType);
        lock (gate)
        {
            requests.Add(request);
            connections.Add(context.Connection.Id);
            protocols.Add(context.Request.Protocol);
        }

        var now = Interlocked.Increment(ref inFlight);
        for (var seen = Volatile.Read(ref maxInFlight); now > seen; seen = Volatile.Read(ref maxInFlight))
        {
            if (Interlocked.CompareExchange(ref maxInFlight, now, seen) == seen)
            {
                break;
            }
        }

        FakeKubernetesOversizedAnswer? huge;
        lock (gate)
        {
            huge = oversized.FirstOrDefault(o => o.Matches(request.Method, request.Path));
        }

        if (huge is not null)
        {
            try
            {
                await WriteOversizedAsync(context, request, huge);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }

            return;
        }

        int code;
        JsonObject body;
        try
        {
            BeforeHandle?.Invoke(request);
            if (TakeFault(request) is { } fault)
            {
                if (fault.RetryAfter is { } retryAfter)
                {
                    context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                code = fault.StatusCode;
                body = FakeKubernetesStatus.ForFault(fault.StatusCode);
            }
            else
            {
                (code, body) = await HandleAuthenticatedAsync(context, request);
            }
        }
        catch (FakeKubernetesException e)
        {
            (code, body) = (e.Code, e.Status);
        }

        try
        {
            // The request is handled as it arrives and answered after the latency: a burst of requests that arrived
            // over some milliseconds is worked off as it arrives, not all at once when their delays end together.
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted);
            }
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }

        request.StatusCode = code;
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    /// <summary>
    /// <c>{"kind":"Status","padding":"xxxx...x"}</c> of exactly the answer's size (or endless), written in 64 KiB pieces;
    /// stops when the client aborts the request.
    /// </summary>
    private async Task WriteOversizedAsync(HttpContext context, FakeKubernetesRequest request, FakeKubernetesOversizedAnswer answer)
    {
        var head = "{\"kind\":\"Status\",\"padding\":\""u8.ToArray();
        var tail = "\"}"u8.ToArray();
        var piece = new byte[64 * 1024];
        Array.Fill(piece, (byte)'x');
        request.StatusCode = answer.StatusCode;
        context.Response.StatusCode = answer.StatusCode;
        context.Response.ContentType = "application/json";
        if (answer.Bytes is { } size && answer.DeclareLength)
        {
            context.Response.ContentLength = size;
        }

        try
        {
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            Interlocked.Add(ref oversizedBytesSent, head.Length);
            var left = answer.Bytes is { } total ? total - head.Length - tail.Length : long.MaxValue;
            // Over HTTP/2 Kestrel completes writes to a stream the client has reset without sending them, so the
            // abort is checked here too: what counts is what was written before the client went away.
            while (left > 0 && !context.RequestAborted.IsCancellationRequested)
            {
                var count = (int)Math.Min(left, piece.Length);
                await context.Response.Body.WriteAsync(piece.AsMemory(0, count), context.RequestAborted);
                Interlocked.Add(ref oversizedBytesSent, count);
                left -= count;
            }

            await context.Response.Body.WriteAsync(tail, context.RequestAborted);
            Interlocked.Add(ref oversizedBytesSent, tail.Length);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client stopped reading and went away: exactly what a bounded client does.
        }
    }

    private async Task<(int Code, JsonObject Body)> HandleAuthenticatedAsync(HttpContext context, FakeKubernetesRequest request)
    {
        // The union of authenticators, in kube-apiserver's order: x509 first, then the bearer tokens (ServiceAccount, then
        // the webhook that EKS adds); the first to know the request wins, and a request none knows is 401.
        var clientCertificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        var (user, _, certificateFailure) = clientAuthenticator.AuthenticateCertificate(clientCertificate);
        var authorization = context.Request.Headers.Authorization.ToString();
        string? failure = certificateFailure;
        if (user is null)
        {
            (user, var tokenFailure) = clientAuthenticator.AuthenticateToken(authorization);
            failure = tokenFailure ?? failure;
            if (user is null && tokenFailure is null)
            {
                user = authenticator.Authenticate(authorization, out var webhookFailure);
                failure = certificateFailure ?? webhookFailure;
            }
        }

        if (user is null)
        {
            request.AuthenticationFailure = failure;
            throw FakeKubernetesStatus.Unauthorized();
        }

        lock (gate)
        {
            if (!authenticatedUsers.Contains(user, StringComparer.Ordinal))
            {
                authenticatedUsers.Add(user);
            }
        }

        var segments = request.Path.Trim('/').Split('/');
        if (FakeKubernetesLeases.Route(request.Method, segments) is { } lease)
        {
            Authorize(user, lease.Verb, FakeKubernetesLeases.Resource, lease.Namespace, lease.Name);
            return await HandleLeaseAsync(context, lease.Verb, lease.Namespace, lease.Name);
        }

        var (verb, resource, ns, name) = Route(request.Method, segments);
        var query = context.Request.Query;
        if (verb == "list" && name is null && resource != "namespaces")
        {
            // requestinfo.go: a list (or watch) whose field selector requires metadata.name=NAME is authorized as a request
            // for that name, so RBAC resourceNames can allow it.
            name = FakeFieldSelector.Parse(query["fieldSelector"].ToString(), FakeKubernetesStore.SelectableFields).ExactName;
        }

        Authorize(user, verb, resource, ns, name);
        if (resource == "namespaces")
        {
            return (200, name is null
                ? Store.ListNamespaces(query["labelSelector"].ToString(), FakeKubernetesPaging.Limit(query["limit"].ToString()), query["continue"].ToString())
                : Store.GetNamespace(name));
        }

        switch (verb)
        {
            case "list":
                return (200, Store.List(resource, ns, query["fieldSelector"].ToString(), FakeKubernetesPaging.Limit(query["limit"].ToString()), query["continue"].ToString()));
            case "get":
                return (200, Store.Get(resource, ns!, name!));
            case "delete":
                var deleteOptions = await FakeKubernetesRequestOptions.ForDeleteAsync(context);
                request.DryRun = deleteOptions.DryRun;
                return (200, Store.Delete(resource, ns!, name!, deleteOptions.Uid, deleteOptions.ResourceVersion, deleteOptions.DryRun));
        }

        // patch.go refuses a content type it does not know before it reads the options.
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (verb == "patch" && mediaType is not ("application/apply-patch+yaml" or "application/json-patch+json" or "application/merge-patch+json" or "application/strategic-merge-patch+json"))
        {
            throw FakeKubernetesStatus.UnsupportedMediaType(request.ContentType);
        }

        var (dryRun, force, fieldManager) = FakeKubernetesRequestOptions.ForWrite(verb, context.Request.Query, mediaType == "application/apply-patch+yaml");
        request.DryRun = dryRun;
        if (EchoingWebhook is { } webhook)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var echoed = await reader.ReadToEndAsync(context.RequestAborted);
            throw new FakeKubernetesException(
                webhook.Code,
                FakeKubernetesStatus.Body(webhook.Code, webhook.Reason, $"admission webhook \"echo.policy.example.com\" denied the request: {echoed}"));
        }

        var manager = fieldManager.Length > 0 ? fieldManager : UserAgentManager(context.Request.Headers.UserAgent.ToString());
        switch (verb)
        {
            case "create":
                return (201, Store.Create(resource, ns!, await ReadObjectAsync(context), manager, dryRun));
            case "update":
                return (200, Store.Replace(resource, ns!, name!, await ReadObjectAsync(context), manager, dryRun));
        }

        return mediaType switch
        {
            "application/apply-patch+yaml" => Store.Apply(resource, ns!, name!, await ReadObjectAsync(context), fieldManager, force, dryRun),
            "application/json-patch+json" => (200, Store.Patch(resource, ns!, name!, "json", await ReadNodeAsync(context), manager, dryRun)),
            "application/merge-patch+json" => (200, Store.Patch(resource, ns!, name!, "merge", await ReadNodeAsync(context), manager, dryRun)),
            _ => (200, Store.Patch(resource, ns!, name!, "strategic", await ReadNodeAsync(context), manager, dryRun)),
        };
    }

    /// <summary>A Lease request (see <see cref="FakeKubernetesLeases"/>): the same option rules as every other write.</summary>
    private async Task<(int Code, JsonObject Body)> HandleLeaseAsync(HttpContext context, string verb, string ns, string? name)
    {
        switch (verb)
        {
            case "get":
                return (200, Leases.Get(ns, name!));
            case "create":
                return (201, Leases.Create(ns, await ReadObjectAsync(context), FakeKubernetesRequestOptions.ForWrite(verb, context.Request.Query, applyPatch: false).DryRun));
            case "update":
                return Leases.Update(ns, name!, await ReadObjectAsync(context), FakeKubernetesRequestOptions.ForWrite(verb, context.Request.Query, applyPatch: false).DryRun);
            case "delete":
                // handlers/delete.go: the DeleteOptions come from the body when there is one, from the query only when there is none.
                var options = await FakeKubernetesRequestOptions.ForDeleteAsync(context);
                return (200, Leases.Delete(ns, name!, options.Uid, options.ResourceVersion, options.DryRun));
            default:
                throw new FakeKubernetesException(405, FakeKubernetesStatus.Body(405, "MethodNotAllowed", "this fake serves no list of leases"));
        }
    }

    private void Authorize(string user, string verb, string resource, string? ns, string? name)
    {
        lock (gate)
        {
            if (denials.Any(d => (d.Namespace is null || d.Namespace == ns) && (d.Verb is null || d.Verb == verb) && (d.Resource is null || d.Resource == resource))
                || (nameGrants.TryGetValue((verb, resource), out var names) && (name is null || !names.Contains(name))))
            {
                throw FakeKubernetesStatus.Forbidden(user, verb, resource, ns, name);
            }
        }
    }

    private FakeKubernetesFault? TakeFault(FakeKubernetesRequest request)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(f => f.Matches(request.Method, request.Path));
            if (fault is not null)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }

    private static string UserAgentManager(string userAgent)
    {
        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? userAgent : userAgent[..slash];
        return prefix.Length == 0 ? "unknown" : prefix;
    }

    private static async Task<JsonNode> ReadNodeAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            return JsonNode.Parse(text) ?? throw FakeKubernetesStatus.BadRequest("the request body is null");
        }
        catch (JsonException)
        {
            // A real server also takes YAML for apply; this fake takes its JSON subset only.
            throw FakeKubernetesStatus.BadRequest("the request body is not valid JSON");
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context) =>
        await ReadNodeAsync(context) as JsonObject ?? throw FakeKubernetesStatus.BadRequest("the request body is not an object");
}
