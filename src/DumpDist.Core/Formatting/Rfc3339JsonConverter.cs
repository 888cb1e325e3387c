using System.Text.Json;
using System.Text.Json.Serialization;

namespace DumpDist.Core.Formatting;

/// <summary>
/// Writes every <see cref="DateTimeOffset"/> of a serialized record as <see cref="Rfc3339"/> does
/// (UTC, <c>Z</c>); reads any ISO 8601 form, so records written by an older node still load.
/// </summary>
public sealed class Rfc3339JsonConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339.Format(value));
}
