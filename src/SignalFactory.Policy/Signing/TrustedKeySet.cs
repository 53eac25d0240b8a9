using System.Diagnostics.CodeAnalysis;

namespace SignalFactory.Policy.Signing;

/// <summary>
/// The public keys whose signatures are accepted, looked up by key id. Several keys may be trusted at once, so a
/// bundle signed with a retired key still verifies after the signing key is rotated.
/// </summary>
public sealed class TrustedKeySet
{
    private readonly Dictionary<string, PolicyVerificationKey> _byId = new(StringComparer.Ordinal);
    private readonly List<PolicyVerificationKey> _keys = [];

    /// <summary>A set of the given keys; the same key given twice counts once.</summary>
    /// <exception cref="PolicyKeyException">Two different keys share a key id.</exception>
    public TrustedKeySet(IEnumerable<PolicyVerificationKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            if (_byId.TryGetValue(key.KeyId, out var existing))
            {
                if (!existing.SameKeyAs(key))
                {
                    throw new PolicyKeyException(
                        $"two different keys have the key id {key.KeyId} ({existing.Source} and {key.Source}); remove one of them");
                }

                continue;
            }

            _byId.Add(key.KeyId, key);
            _keys.Add(key);
        }
    }

    /// <summary>A set trusting no key: every signed bundle fails with an unknown key id.</summary>
    public static TrustedKeySet Empty { get; } = new([]);

    /// <summary>The keys, first occurrence first.</summary>
    public IReadOnlyList<PolicyVerificationKey> Keys => _keys;

    /// <summary>The trusted key with this id.</summary>
    public bool TryGet(string keyId, [NotNullWhen(true)] out PolicyVerificationKey? key) => _byId.TryGetValue(keyId, out key);
}
