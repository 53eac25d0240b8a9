using SignalFactory.Core.Manifests;

namespace SignalFactory.Registry;

/// <summary>A manifest file that passed validation, ready to register.</summary>
/// <param name="Source">The file name shown in messages.</param>
/// <param name="YamlText">The text as the author wrote it (kept verbatim in the artifact store).</param>
/// <param name="Manifest">The validated manifest.</param>
public sealed record ValidManifest(string Source, string YamlText, DatasetManifest Manifest);

/// <summary>
/// Turns validated manifests into registry requests. Identity of content is the canonical form's hash, so
/// re-registering a file that differs only in comments, quoting or key order keeps its version.
/// </summary>
public static class ManifestRegistration
{
    /// <summary>Builds one request per manifest; two manifests for one URN in a batch are refused.</summary>
    /// <param name="manifests">Validated manifests, in the order results should come back.</param>
    /// <param name="defaultRegisteredBy">Who registers when a manifest has no <c>metadata.created_by</c>.</param>
    /// <exception cref="ArgumentException">The same URN appears twice; the message names both files.</exception>
    public static IReadOnlyList<RegistrationRequest> ToRequests(IReadOnlyList<ValidManifest> manifests, string defaultRegisteredBy)
    {
        ArgumentNullException.ThrowIfNull(manifests);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<RegistrationRequest>(manifests.Count);
        foreach (var (source, text, manifest) in manifests)
        {
            var urn = manifest.Urn!;
            if (!seen.TryAdd(urn, source))
            {
                throw new ArgumentException($"{source}: {urn} is also defined in {seen[urn]}; register one manifest per dataset.");
            }

            requests.Add(new RegistrationRequest(
                urn,
                manifest.Tier!,
                manifest.Storage!.Format!,
                manifest.Runtime!,
                manifest.EnforcementModel,
                manifest.OwnerTeam!,
                manifest.Metadata?.CreatedBy ?? defaultRegisteredBy,
                text,
                ManifestYaml.ContentHash(manifest)));
        }

        return requests;
    }
}
