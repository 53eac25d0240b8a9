using System.Globalization;
using System.Text;
using System.Text.Json;
using SignalFactory.DuckDb;
using SignalFactory.Examples.Lake.Tables;

namespace SignalFactory.Examples.Lake.Delta;

/// <summary>The <c>stats</c> of one data file and its row count.</summary>
internal sealed record DeltaFileStats(long NumRecords, string Json)
{
    // Delta writers keep string bounds to a prefix; 32 characters is the reference implementation's length.
    private const int StringPrefixLength = 32;

    private enum StatKind
    {
        Number,
        Text,
        Date,
        TimestampMillis,
        NullCountOnly,
    }

    /// <summary>
    /// Reads the statistics back from the written file with DuckDB (numRecords, minValues, maxValues, nullCount),
    /// so they describe the file on disk rather than what the generator meant to write.
    /// </summary>
    public static DeltaFileStats Read(DuckDbConnection connection, string file, ExampleTableSchema schema)
    {
        var kinds = schema.Columns.Select(c => KindOf(c.DuckDbType)).ToArray();
        var sql = new StringBuilder("SELECT count(*)");
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var name = GeneratorSql.Identifier(schema.Columns[c].Name);
            sql.Append(CultureInfo.InvariantCulture, $", count(*) - count({name}), {Bound("min", name, kinds[c])}, {Bound("max", name, kinds[c])}");
        }

        sql.Append(" FROM read_parquet($1)");
        using var result = connection.Query(sql.ToString(), file);
        if (!result.Read())
        {
            throw new InvalidOperationException("DuckDB returned no statistics row for a generated file.");
        }

        var numRecords = result.GetInt64(0);
        var json = DeltaJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("numRecords", numRecords);
            WriteBounds(writer, "minValues", schema, kinds, result, offset: 2, isMax: false);
            WriteBounds(writer, "maxValues", schema, kinds, result, offset: 3, isMax: true);
            writer.WriteStartObject("nullCount");
            for (var c = 0; c < schema.Columns.Count; c++)
            {
                writer.WriteNumber(schema.Columns[c].Name, result.GetInt64(1 + (c * 3)));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        return new DeltaFileStats(numRecords, json);
    }

    private static StatKind KindOf(string duckDbType) => duckDbType switch
    {
        "BIGINT" or "INTEGER" or "DOUBLE" => StatKind.Number,
        _ when duckDbType.StartsWith("DECIMAL", StringComparison.Ordinal) => StatKind.Number,
        "VARCHAR" => StatKind.Text,
        "DATE" => StatKind.Date,
        "TIMESTAMP WITH TIME ZONE" => StatKind.TimestampMillis,
        _ => StatKind.NullCountOnly,
    };

    private static string Bound(string aggregate, string column, StatKind kind) => kind switch
    {
        StatKind.TimestampMillis => $"CAST(epoch_ms({aggregate}({column})) AS VARCHAR)",
        StatKind.NullCountOnly => "CAST(NULL AS VARCHAR)",
        _ => $"CAST({aggregate}({column}) AS VARCHAR)",
    };

    private static void WriteBounds(
        Utf8JsonWriter writer, string name, ExampleTableSchema schema, StatKind[] kinds, DuckDbResult result, int offset, bool isMax)
    {
        writer.WriteStartObject(name);
        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var ordinal = offset + (c * 3);
            if (kinds[c] == StatKind.NullCountOnly || result.IsNull(ordinal))
            {
                continue;
            }

            var text = result.GetString(ordinal);
            var column = schema.Columns[c].Name;
            switch (kinds[c])
            {
                case StatKind.Number when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                                          && double.IsFinite(number):
                    writer.WritePropertyName(column);
                    writer.WriteRawValue(text);
                    break;
                case StatKind.Text when text.Length <= StringPrefixLength:
                    writer.WriteString(column, text);
                    break;
                case StatKind.Text when !isMax:
                    // A prefix is still a lower bound; a cut maximum would not be an upper bound, so it is left out.
                    writer.WriteString(column, text[..StringPrefixLength]);
                    break;
                case StatKind.Date:
                    writer.WriteString(column, text);
                    break;
                case StatKind.TimestampMillis:
                    writer.WriteString(column, LakeCalendar.IsoMillis(long.Parse(text, CultureInfo.InvariantCulture)));
                    break;
                default:
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
