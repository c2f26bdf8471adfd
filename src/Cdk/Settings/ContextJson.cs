using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text;

namespace EcrPublicLambda.Cdk.Settings;

/// <summary>
/// Turns a CDK context value back into JSON text. <c>-c key='[...]'</c> arrives as a string (taken as JSON text as
/// it is); a value from cdk.json arrives through jsii as arrays, dictionaries, strings, booleans and doubles.
/// </summary>
internal static class ContextJson
{
    internal static string ToJson(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value is string text)
        {
            return text;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case double or float or decimal or int or long:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!);
                    Write(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Anything else cannot come from JSON; show it as a string so the parser names its path.
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
