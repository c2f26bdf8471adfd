namespace EcrPublicLambda.Refresh;

/// <summary>What a cleanup removes: everything of ours in its clusters, or exactly the fleet's selection.</summary>
internal enum CleanupScope
{
    /// <summary>The selection, and our Secrets the sweep finds outside it (<see cref="Sweep"/>): a teardown, <c>bootstrap cleanup</c>.</summary>
    EverythingOurs,

    /// <summary>Exactly the selection: a fleet change's removals, whose clusters keep their other namespaces (no sweep).</summary>
    Selection,
}
