namespace EcrPublicLambda.Configuration;

/// <summary>
/// The <c>server</c> of a <c>secretsManager</c> registry, judged by how the kubelet matches an image to an <c>auths</c>
/// key (kubernetes/kubernetes <c>pkg/credentialprovider/keyring.go</c>: a key without a scheme gets <c>https://</c>,
/// a path of <c>/v1/</c> or <c>/v2/</c> counts as no path, and the key is the host[:port] plus what is left of the path;
/// a key matches an image whose host has as many dot-separated parts, the same port, and a path it prefixes; a
/// Docker Hub image, named <c>docker.io/...</c> by the kubelet, also takes the key <c>index.docker.io</c> when nothing
/// else matched). The server is written verbatim, as <c>kubectl create secret docker-registry --docker-server</c> does.
/// </summary>
public static class RegistryServer
{
    private const string DockerHub = "Docker Hub";

    /// <summary>Null when the kubelet can match <paramref name="value"/>; else why not.</summary>
    public static string? Problem(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "must not be empty";
        }

        if (value.Any(c => char.IsWhiteSpace(c) || c == ','))
        {
            return $"{JsonPath.Quote(value)} must not contain spaces or commas";
        }

        var schemeAt = value.IndexOf("://", StringComparison.Ordinal);
        if (schemeAt >= 0 && value[..schemeAt] is not ("https" or "http"))
        {
            return $"{JsonPath.Quote(value)} has a scheme other than https:// or http://";
        }

        if (!Uri.TryCreate(schemeAt >= 0 ? value : "https://" + value, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return $"{JsonPath.Quote(value)} is not a registry host (such as registry.example.com or https://index.docker.io/v1/)";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not carry user information (the credentials come from the secret)";
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return $"{JsonPath.Quote(value)} must not have a query or fragment";
        }

        if (string.Equals(uri.Host, "registry-1.docker.io", StringComparison.OrdinalIgnoreCase))
        {
            return "\"registry-1.docker.io\" is Docker Hub's API host, but the kubelet never matches a Docker Hub image to it: it names those "
                + "images docker.io/... and looks for a key \"docker.io\", then \"index.docker.io\" (pkg/credentialprovider/keyring.go); "
                + "use \"https://index.docker.io/v1/\" (what docker login writes), \"index.docker.io\" or \"docker.io\"";
        }

        return null;
    }

    /// <summary>
    /// The registry a well-formed server stands for, to find two entries for the same one: the kubelet's key (host[:port]
    /// and path, lower case), with Docker Hub's <c>docker.io</c> and <c>index.docker.io</c> as one.
    /// </summary>
    public static string Identity(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var uri = new Uri(value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value);
        var path = uri.AbsolutePath;
        if (path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/v2/", StringComparison.Ordinal))
        {
            path = path[3..];
        }

        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var key = (path is "" or "/" ? host : host + path).ToLowerInvariant();
        return key is "docker.io" or "index.docker.io" ? DockerHub : key;
    }
}
