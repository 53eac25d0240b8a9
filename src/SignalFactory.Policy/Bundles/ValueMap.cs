using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SignalFactory.Policy.Bundles;

/// <summary>
/// An immutable string-keyed map that keeps its keys in <see cref="NaturalKeyComparer"/> order (<c>week_2</c> before
/// <c>week_10</c>) whatever order they were added in, and compares by content. The canonical writer emits the keys
/// in this order, so two maps with the same entries always give the same bytes.
/// </summary>
/// <typeparam name="TValue">Value type; values are compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
public sealed class ValueMap<TValue> : IReadOnlyDictionary<string, TValue>, IEquatable<ValueMap<TValue>>
{
    private readonly KeyValuePair<string, TValue>[] _entries;

    /// <summary>A map of the entries, sorted by key.</summary>
    /// <exception cref="ArgumentException">A key is null or appears twice.</exception>
    public ValueMap(IEnumerable<KeyValuePair<string, TValue>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.ToArray();
        foreach (var entry in sorted)
        {
            if (entry.Key is null)
            {
                throw new ArgumentException("a map key is null", nameof(entries));
            }
        }

        Array.Sort(sorted, static (a, b) => NaturalKeyComparer.Instance.Compare(a.Key, b.Key));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1].Key, sorted[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"the key '{sorted[i].Key}' appears twice", nameof(entries));
            }
        }

        _entries = sorted;
    }

    /// <summary>The empty map.</summary>
    public static ValueMap<TValue> Empty { get; } = new([]);

    /// <inheritdoc />
    public int Count => _entries.Length;

    /// <summary>Keys in sorted order.</summary>
    public IEnumerable<string> Keys => _entries.Select(static e => e.Key);

    /// <summary>Values in key order.</summary>
    public IEnumerable<TValue> Values => _entries.Select(static e => e.Value);

    /// <inheritdoc />
    public TValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no entry '{key}'");

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    /// <summary>Entries in sorted key order.</summary>
    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, TValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(ValueMap<TValue>? other)
    {
        if (other is null || other._entries.Length != _entries.Length)
        {
            return false;
        }

        var values = EqualityComparer<TValue>.Default;
        for (var i = 0; i < _entries.Length; i++)
        {
            if (!string.Equals(_entries[i].Key, other._entries[i].Key, StringComparison.Ordinal)
                || !values.Equals(_entries[i].Value, other._entries[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ValueMap<TValue>);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in _entries)
        {
            hash.Add(entry.Key, StringComparer.Ordinal);
            hash.Add(entry.Value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Entries as <c>{key: value, …}</c> (for messages and debugging).</summary>
    public override string ToString() => "{" + string.Join(", ", _entries.Select(static e => $"{e.Key}: {e.Value}")) + "}";

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Array.BinarySearch(_entries, new KeyValuePair<string, TValue>(key, default!),
            Comparer<KeyValuePair<string, TValue>>.Create(static (a, b) => NaturalKeyComparer.Instance.Compare(a.Key, b.Key)));
    }
}

/// <summary>Factory methods for <see cref="ValueMap{TValue}"/>.</summary>
public static class ValueMap
{
    /// <summary>A map of the given entries (any order; duplicates refused).</summary>
    public static ValueMap<TValue> From<TValue>(IEnumerable<KeyValuePair<string, TValue>> entries) => new(entries);
}

/// <summary>
/// Orders keys so that runs of digits compare by number (<c>week_2</c> &lt; <c>week_10</c>) and everything else
/// ordinally; ties (e.g. <c>a01</c> and <c>a1</c>) fall back to ordinal order, so the order is total.
/// </summary>
public sealed class NaturalKeyComparer : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static NaturalKeyComparer Instance { get; } = new();

    private NaturalKeyComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var xEnd = DigitRunEnd(x, i);
                var yEnd = DigitRunEnd(y, j);
                var byNumber = CompareDigitRuns(x.AsSpan(i, xEnd - i), y.AsSpan(j, yEnd - j));
                if (byNumber != 0)
                {
                    return byNumber;
                }

                i = xEnd;
                j = yEnd;
                continue;
            }

            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }

            i++;
            j++;
        }

        var byLength = (x.Length - i).CompareTo(y.Length - j);
        return byLength != 0 ? byLength : string.CompareOrdinal(x, y);
    }

    private static int DigitRunEnd(string text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end;
    }

    // Compares two digit runs by value without parsing (runs may be longer than any integer type).
    private static int CompareDigitRuns(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        a = a.TrimStart('0');
        b = b.TrimStart('0');
        return a.Length != b.Length ? a.Length.CompareTo(b.Length) : a.SequenceCompareTo(b);
    }
}
