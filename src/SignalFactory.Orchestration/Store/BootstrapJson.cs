using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SignalFactory.Orchestration.Audit;
using SignalFactory.Orchestration.StateMachine;

namespace SignalFactory.Orchestration.Store;

/// <summary>JSON form of records and pending commands as stored in <c>bootstraps</c>.</summary>
internal static class BootstrapJson
{
    private static readonly JsonSerializerOptions _options = CreateOptions();

    // Commands are stored as {"type": name, "data": {...}}; the closed list keeps unknown types out.
    private static readonly FrozenDictionary<string, Type> _commandTypes = new[]
    {
        typeof(ValidateRegistration), typeof(StartProfiling), typeof(StopProfiling), typeof(GeneratePolicy),
        typeof(RequestApproval), typeof(SignPolicy), typeof(InitCertifiedView), typeof(DeferCertification),
        typeof(ScheduleTimer), typeof(CancelTimer), typeof(Escalate), typeof(Notify), typeof(ApplyKillSwitch),
        typeof(RevertChangeRequest), typeof(RecordMetric),
        typeof(ProbeFirstWrite),
    }.ToFrozenDictionary(type => type.Name, StringComparer.Ordinal);

    public static string SerializeRecord(BootstrapRecord record) => JsonSerializer.Serialize(record, _options);

    public static BootstrapRecord DeserializeRecord(string json) =>
        JsonSerializer.Deserialize<BootstrapRecord>(json, _options) ?? throw new JsonException("bootstrap record is null");

    public static string SerializeCommands(IReadOnlyList<BootstrapCommand> commands)
    {
        var array = new JsonArray();
        foreach (var command in commands)
        {
            var type = command.GetType();
            if (!_commandTypes.ContainsKey(type.Name))
            {
                throw new ArgumentException($"command type {type.Name} cannot be stored", nameof(commands));
            }

            array.Add(new JsonObject
            {
                ["type"] = type.Name,
                ["data"] = JsonSerializer.SerializeToNode(command, type, _options),
            });
        }

        return array.ToJsonString();
    }

    public static IReadOnlyList<BootstrapCommand> DeserializeCommands(string json)
    {
        var array = JsonNode.Parse(json)?.AsArray() ?? throw new JsonException("pending commands are null");
        var commands = new List<BootstrapCommand>(array.Count);
        foreach (var item in array)
        {
            var name = item?["type"]?.GetValue<string>() ?? throw new JsonException("command without type");
            if (!_commandTypes.TryGetValue(name, out var type))
            {
                throw new JsonException($"unknown command type '{name}'");
            }

            commands.Add((BootstrapCommand)(item["data"].Deserialize(type, _options) ?? throw new JsonException($"command {name} is null")));
        }

        return commands;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new ActorConverter());
        return options;
    }

    private sealed class ActorConverter : JsonConverter<Actor>
    {
        public override Actor Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Actor.Parse(reader.GetString() ?? throw new JsonException("actor is null"));

        public override void Write(Utf8JsonWriter writer, Actor value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
