namespace EcrPublicLambda.Common;

/// <summary>What one attempt of a call came to, as <see cref="RetryPolicy"/> needs to know it.</summary>
/// <param name="Result">The attempt's result (an answer or a failure), returned as is when no retry follows.</param>
/// <param name="Retryable">Whether the failure is worth another attempt (throttling, 429, 5xx, a transport error).</param>
/// <param name="RetryAfter">The server's <c>Retry-After</c>, if it sent one.</param>
internal readonly record struct RetryAttempt<T>(T Result, bool Retryable, TimeSpan? RetryAfter = null);
