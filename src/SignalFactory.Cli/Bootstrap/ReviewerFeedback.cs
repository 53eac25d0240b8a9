using System.Text;
using System.Text.Json;
using SignalFactory.Cli.Hosting;
using SignalFactory.Policy.Generation;

namespace SignalFactory.Cli.Bootstrap;

/// <summary>
/// Reviewer feedback on its way from <c>sf reject</c> to the policy generator. The state machine carries feedback as
/// one string (<c>PolicyRejected.Feedback</c>, kept in the record and the audit trail); a string that is a JSON object in
/// the <see cref="PolicyFeedback"/> file format is structured feedback, anything else is a free-text note. So the audit
/// trail records exactly what the generator was asked to do.
/// </summary>
internal static class ReviewerFeedback
{
    /// <summary>
    /// The feedback of one <c>sf reject</c>: the file's fields, <paramref name="freeText"/> as <c>free_text</c> and the
    /// rejection reason as <c>reason</c> unless the file gives one. Null when neither a file nor free text was given.
    /// </summary>
    /// <exception cref="InvalidInputException">The file cannot be read or is not valid feedback (message names file and field).</exception>
    public static PolicyFeedback? FromOptions(CliConsole console, string reason, string? freeText, string? file)
    {
        var text = string.IsNullOrWhiteSpace(freeText) ? null : freeText.Trim();
        if (file is null)
        {
            return text is null ? null : new PolicyFeedback { Reason = reason, FreeText = text };
        }

        var fromFile = ReadFile(console, file);
        if (text is not null && fromFile.FreeText is not null)
        {
            throw new InvalidInputException($"{file}: free_text is set in the file and --feedback is given too; give the free text once");
        }

        return fromFile with { Reason = fromFile.Reason ?? reason, FreeText = fromFile.FreeText ?? text };
    }

    /// <summary>The canonical JSON form (snake_case keys, empty members left out) that <see cref="Decode"/> reads back.</summary>
    public static string Encode(PolicyFeedback feedback)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (feedback.Reason is not null)
            {
                json.WriteString("reason", feedback.Reason);
            }

            WriteList(json, "drop_rules", feedback.DropRules);
            WriteList(json, "optional_columns", feedback.OptionalColumns);
            if (feedback.WidenRanges.Count > 0)
            {
                json.WriteStartObject("widen_ranges");
                foreach (var (column, pct) in feedback.WidenRanges.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    json.WriteNumber(column, pct);
                }

                json.WriteEndObject();
            }

            if (feedback.FreeText is not null)
            {
                json.WriteString("free_text", feedback.FreeText);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Structured feedback from <see cref="Encode"/>'s form; any other text becomes a free-text note. Null for none.</summary>
    public static PolicyFeedback? Decode(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') && IsJsonObject(trimmed))
        {
            try
            {
                return PolicyFeedbackYaml.Parse(Encoding.UTF8.GetBytes(trimmed), "reviewer feedback");
            }
            catch (PolicyInputException)
            {
                // A note that merely looks like JSON stays a note.
            }
        }

        return new PolicyFeedback { FreeText = trimmed };
    }

    private static PolicyFeedback ReadFile(CliConsole console, string file)
    {
        var feedback = Policy.PolicyGenerateCommand.ReadFeedback(console, file)!;
        return feedback.IsEmpty
            ? throw new InvalidInputException($"{file}: the feedback file asks for nothing; set some of reason, drop_rules, optional_columns, widen_ranges, free_text")
            : feedback;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
