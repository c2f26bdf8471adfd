using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrPublicLambda.Refresh;

/// <summary>A <see cref="RunOperation"/> in JSON: its name (<c>"refresh"</c>, <c>"cleanup"</c>).</summary>
internal sealed class RunOperationConverter : JsonConverter<RunOperation>
{
    public override RunOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        RunOperation.Named(reader.GetString())
        ?? throw new JsonException($"operation: expected one of {string.Join(", ", RunOperation.All.Select(operation => $"\"{operation.Name}\""))}");

    public override void Write(Utf8JsonWriter writer, RunOperation value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.Name);
    }
}
