namespace EcrPublicLambda.Refresh;

/// <summary>What became of one namespace of one cluster: its Secret and its service accounts.</summary>
internal sealed record NamespaceReport(SecretReport Secret, IReadOnlyList<ServiceAccountReport> ServiceAccounts);
