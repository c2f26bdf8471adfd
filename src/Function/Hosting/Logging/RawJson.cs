namespace EcrPublicLambda.Hosting.Logging;

/// <summary>
/// A log value that is already a JSON document (e.g. the run report): the JSON logger embeds it as a nested
/// value instead of a string. Only for documents that hold no secret.
/// </summary>
internal sealed class RawJson(string json)
{
    internal string Json { get; } = json;

    public override string ToString() => Json;
}
