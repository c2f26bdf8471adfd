using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EcrPublicLambda.Aws;
using EcrPublicLambda.Common;
using EcrPublicLambda.Configuration;

namespace EcrPublicLambda.Hosting;

/// <summary>
/// `bootstrap token --cluster NAME --region REGION [--role-arn ARN]`: prints the ExecCredential that
/// `aws eks get-token` prints (same fields, order, indentation, token and expiry for the same credentials and clock).
/// </summary>
internal static class TokenCommand
{
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal) { "--cluster", "--region", "--role-arn" };
    private static readonly HashSet<string> Flags = new(StringComparer.Ordinal);

    internal static Task<int> RunAsync(string[] args, HostContext context) => RunAsync(args, context, sdkCredentialChain: null);

    /// <param name="sdkCredentialChain">Replaces AWSSDK.Core's default chain (tests only); null for the real one.</param>
    internal static async Task<int> RunAsync(string[] args, HostContext context, Func<CancellationToken, Task<AwsCredentials>>? sdkCredentialChain)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = CliArguments.Parse(args, ValueOptions, Flags);
        var cluster = Required(parsed, "--cluster");
        var region = Required(parsed, "--region");
        var roleArn = parsed.Single("--role-arn");
        // The same rules, and messages, as the fleet's.
        var problem = Problem("--cluster", FleetRules.ClusterName(cluster))
            ?? Problem("--region", FleetRules.Region(region))
            ?? (roleArn is null ? null : Problem("--role-arn", FleetRules.RoleArn(roleArn)));
        if (problem is not null)
        {
            throw new CliUsageException(problem);
        }

        AwsClients clients;
        try
        {
            clients = new AwsClients(context.Environment, context.Http, context.Clock, context.Logger, sdkCredentialChain: sdkCredentialChain);
        }
        catch (FormatException e)
        {
            throw new CliUsageException(e.Message);
        }

        using (clients)
        {
            EksToken token;
            try
            {
                var credentials = await clients.CredentialsForAsync(roleArn, region, context.CancellationToken).ConfigureAwait(false);
                token = clients.CreateBearerToken(credentials, cluster, region);
            }
            catch (Exception e) when (e is AwsCredentialsException or AwsServiceException)
            {
                await context.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Failures;
            }

            var credential = new ExecCredential(
                ApiVersion(context.Environment),
                new ExecCredentialStatus(Rfc3339.Format(token.ExpiresAt), token.Token));
            await context.Out.WriteAsync(Format(credential)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
    }

    /// <summary>The JSON as the AWS CLI prints it: 4-space indent, <c>\n</c> line ends, then an empty line.</summary>
    internal static string Format(ExecCredential credential)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 4, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, credential, AwsJsonContext.Default.ExecCredential);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n\n";
    }

    /// <summary>kubectl tells exec plugins the API version it wants in KUBERNETES_EXEC_INFO; v1beta1 otherwise, as the CLI does.</summary>
    private static string ApiVersion(AppEnvironment environment)
    {
        if (environment.Get("KUBERNETES_EXEC_INFO") is not { } info)
        {
            return ExecCredential.V1Beta1;
        }

        try
        {
            using var document = JsonDocument.Parse(info);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("apiVersion", out var version)
                && version.GetString() is ExecCredential.V1 or ExecCredential.V1Beta1
                ? version.GetString()!
                : ExecCredential.V1Beta1;
        }
        catch (JsonException)
        {
            return ExecCredential.V1Beta1;
        }
    }

    private static string Required(CliArguments parsed, string option) =>
        parsed.Single(option) ?? throw new CliUsageException($"token: {option} is required (usage: bootstrap token --cluster NAME --region REGION [--role-arn ARN])");

    private static string? Problem(string option, string? error) => error is null ? null : $"{option}: {error}";
}
