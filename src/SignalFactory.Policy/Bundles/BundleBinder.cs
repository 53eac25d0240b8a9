using System.Globalization;
using System.Text.RegularExpressions;

namespace SignalFactory.Policy.Bundles;

/// <summary>
/// Turns YAML nodes into bundle values, collecting every problem with its path and position instead of stopping at
/// the first. Scalars are typed strictly: booleans are plain <c>true</c>/<c>false</c>, numbers are plain decimal
/// literals, timestamps are UTC ISO-8601 with a <c>Z</c>.
/// </summary>
internal sealed partial class BundleBinder
{
    public List<PolicyBundleIssue> Issues { get; } = [];

    public void Error(string path, string message, BundleNode? at) => Issues.Add(new PolicyBundleIssue(path, message, at?.Line, at?.Column));

    /// <summary>Binds a mapping node with a fixed key set; null (after reporting) when the node is not a mapping.</summary>
    public T? Mapping<T>(BundleNode node, string path, IReadOnlyList<string> keys, Func<MappingBinder, T?> bind)
        where T : class
    {
        if (node is not BundleMapping mapping)
        {
            Error(path, $"expected a mapping, found {node.Kind}", node);
            return null;
        }

        return bind(new MappingBinder(this, path, mapping, keys));
    }

    public string? Text(BundleNode node, string path)
    {
        if (node is BundleScalar { IsNull: false } scalar)
        {
            return scalar.Value;
        }

        Error(path, $"expected a string, found {node.Kind}", node);
        return null;
    }

    public bool? Boolean(BundleNode node, string path)
    {
        if (node is BundleScalar { IsPlain: true, Value: "true" or "false" } scalar)
        {
            return scalar.Value == "true";
        }

        Error(path, $"expected true or false, found {node.Kind}", node);
        return null;
    }

    public long? Integer(BundleNode node, string path, long min = long.MinValue, long max = long.MaxValue)
    {
        if (node is BundleScalar { IsPlain: true } scalar && IntegerRegex().IsMatch(scalar.Value))
        {
            if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && value >= min && value <= max)
            {
                return value;
            }

            Error(path, $"integer out of range [{min}, {max}]", node);
            return null;
        }

        Error(path, $"expected an integer, found {node.Kind}", node);
        return null;
    }

    public double? Number(BundleNode node, string path)
    {
        if (node is BundleScalar { IsPlain: true } scalar && NumberRegex().IsMatch(scalar.Value)
            && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value))
        {
            return value;
        }

        Error(path, $"expected a finite number, found {node.Kind}", node);
        return null;
    }

    public DateTimeOffset? Timestamp(BundleNode node, string path)
    {
        if (node is BundleScalar { IsNull: false } scalar && TimestampRegex().IsMatch(scalar.Value)
            && DateTime.TryParseExact(scalar.Value, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            return new DateTimeOffset(utc, TimeSpan.Zero);
        }

        Error(path, $"expected a UTC timestamp such as \"2026-02-15T10:35:00Z\", found {node.Kind}", node);
        return null;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerRegex();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,7})?Z\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampRegex();
}

/// <summary>Reads one mapping whose keys are known in advance; unknown and duplicate keys are reported up front.</summary>
internal sealed class MappingBinder
{
    private readonly BundleBinder _binder;
    private readonly string _path;
    private readonly BundleMapping _mapping;
    private readonly Dictionary<string, BundleNode> _values = new(StringComparer.Ordinal);

    public MappingBinder(BundleBinder binder, string path, BundleMapping mapping, IReadOnlyList<string> keys)
    {
        _binder = binder;
        _path = path;
        _mapping = mapping;
        foreach (var (key, value) in mapping.Entries)
        {
            var keyPath = Child(key.Value);
            if (!keys.Contains(key.Value, StringComparer.Ordinal))
            {
                var closest = KeySuggestion.Closest(key.Value, keys);
                binder.Error(keyPath, closest is null
                    ? $"unknown key; a signed bundle may only hold the keys of policy_bundle.yaml v2.0 ({string.Join(", ", keys)})"
                    : $"unknown key; did you mean '{closest}'?", key);
            }
            else if (!_values.TryAdd(key.Value, value))
            {
                binder.Error(keyPath, "duplicate key", key);
            }
        }
    }

    public BundleBinder Binder => _binder;

    public string Child(string key) => _path.Length == 0 ? key : _path + "." + key;

    /// <summary>The value node, or null when the key is absent or its value is YAML null.</summary>
    public BundleNode? Node(string key, bool required)
    {
        if (_values.TryGetValue(key, out var node) && node is not BundleScalar { IsNull: true })
        {
            return node;
        }

        if (required)
        {
            _binder.Error(Child(key), _values.ContainsKey(key) ? "a value is required" : "missing required key",
                _values.TryGetValue(key, out var present) ? present : _mapping);
        }

        return null;
    }

    public string? Text(string key, bool required = true) =>
        Node(key, required) is { } node ? _binder.Text(node, Child(key)) : null;

    public bool? Boolean(string key, bool required = true) =>
        Node(key, required) is { } node ? _binder.Boolean(node, Child(key)) : null;

    public long? Integer(string key, bool required = true, long min = long.MinValue, long max = long.MaxValue) =>
        Node(key, required) is { } node ? _binder.Integer(node, Child(key), min, max) : null;

    public int? Int32(string key, bool required = true) =>
        (int?)Integer(key, required, int.MinValue, int.MaxValue);

    public double? Number(string key, bool required = true) =>
        Node(key, required) is { } node ? _binder.Number(node, Child(key)) : null;

    public DateTimeOffset? Timestamp(string key, bool required = true) =>
        Node(key, required) is { } node ? _binder.Timestamp(node, Child(key)) : null;

    public T? Section<T>(string key, bool required, IReadOnlyList<string> keys, Func<MappingBinder, T?> bind)
        where T : class =>
        Node(key, required) is { } node ? _binder.Mapping(node, Child(key), keys, bind) : null;

    /// <summary>A list; an item that fails to bind is reported and left out.</summary>
    public ValueList<T>? List<T>(string key, bool required, Func<BundleNode, string, T?> item)
    {
        if (Node(key, required) is not { } node)
        {
            return null;
        }

        return _binder.List(node, Child(key), item);
    }
}

/// <summary>List binding shared by mappings and map values.</summary>
internal static class BundleBinderLists
{
    public static ValueList<T>? List<T>(this BundleBinder binder, BundleNode node, string path, Func<BundleNode, string, T?> item)
    {
        if (node is not BundleSequence sequence)
        {
            binder.Error(path, $"expected a list, found {node.Kind}", node);
            return null;
        }

        var items = new List<T>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (item(sequence.Items[i], $"{path}[{i}]") is { } value)
            {
                items.Add(value);
            }
        }

        return ValueList.From(items);
    }
}
