using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace EcrPublicLambda.Hosting.Logging;

/// <summary>
/// One category's logger of a <see cref="JsonLoggerProvider"/>. A line holds <c>timestamp</c> (RFC 3339 UTC, ms),
/// <c>level</c>, the scope fields (<c>requestId</c>), <c>message</c>, <c>logger</c>, <c>eventId</c>, the structured
/// fields of the state (camelCased) and, for an exception, its type only: exception messages and stacks may carry
/// secrets and are never written.
/// </summary>
internal sealed class JsonLogger(JsonLoggerProvider provider, string category) : ILogger
{
    /// <summary>RFC 3339, UTC, milliseconds: what CloudWatch parses as a timestamp.</summary>
    internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private const string OriginalFormat = "{OriginalFormat}";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => provider.Scopes.Push(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.MinimumLevel;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            var written = new HashSet<string>(StringComparer.Ordinal) { "timestamp", "level", "message", "logger", "eventId", "eventName", "exception" };
            json.WriteStartObject();
            json.WriteString("timestamp", provider.Clock.GetUtcNow().UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture));
            json.WriteString("level", LogLevels.Name(logLevel));
            provider.Scopes.ForEachScope(
                static (scope, target) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        WriteFields(target.Json, pairs, target.Written);
                    }
                },
                (Json: json, Written: written));
            json.WriteString("message", formatter(state, exception));
            json.WriteString("logger", category);
            if (eventId.Id != 0)
            {
                json.WriteNumber("eventId", eventId.Id);
            }

            if (!string.IsNullOrEmpty(eventId.Name))
            {
                json.WriteString("eventName", eventId.Name);
            }

            if (state is IEnumerable<KeyValuePair<string, object?>> fields)
            {
                WriteFields(json, fields, written);
            }

            if (exception is not null)
            {
                json.WriteString("exception", exception.GetType().FullName);
            }

            json.WriteEndObject();
        }

        provider.WriteLine(buffer.WrittenSpan);
    }

    private static void WriteFields(Utf8JsonWriter json, IEnumerable<KeyValuePair<string, object?>> fields, HashSet<string> written)
    {
        foreach (var (key, value) in fields)
        {
            if (key == OriginalFormat || key.Length == 0)
            {
                continue;
            }

            var name = char.ToLowerInvariant(key[0]) + key[1..];
            if (!written.Add(name))
            {
                name = "field." + name;
                if (!written.Add(name))
                {
                    continue;
                }
            }

            json.WritePropertyName(name);
            WriteValue(json, value);
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong number:
                json.WriteNumberValue(number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case float number when float.IsFinite(number):
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case DateTimeOffset time:
                json.WriteStringValue(time.ToUniversalTime());
                break;
            case DateTime time:
                json.WriteStringValue(time.ToUniversalTime());
                break;
            case RawJson raw:
                json.WriteRawValue(raw.Json, skipInputValidation: false);
                break;
            case IEnumerable<string> items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    json.WriteStringValue(item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
