namespace EcrPublicLambda.Hosting;

/// <summary>How a command prints its report (<c>-o</c>): aligned columns for people, JSON for programs, or (status only) one HTML page.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Html,
}
