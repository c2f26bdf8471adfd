namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// A custom-resource request that cannot be acted on: each problem named. <see cref="Reply"/> is where to answer it,
/// null when even that cannot be read (then only the invocation error tells).
/// </summary>
internal sealed class CustomResourceException(IReadOnlyList<string> problems, CustomResourceReply? reply)
    : Exception(string.Join("; ", problems))
{
    internal IReadOnlyList<string> Problems { get; } = problems;

    internal CustomResourceReply? Reply { get; } = reply;
}
