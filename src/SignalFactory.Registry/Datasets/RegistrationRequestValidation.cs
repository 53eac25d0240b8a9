namespace SignalFactory.Registry;

/// <summary>Shape checks every store makes on a batch before touching the database.</summary>
internal static class RegistrationRequestValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the request index and field of the first problem.</summary>
    /// <remarks>Messages carry no parameter name: they are shown to users as they are.</remarks>
    public static void Validate(IReadOnlyList<RegistrationRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i] ?? throw new ArgumentException($"requests[{i}] is null.");
            Require(request.Urn, i, nameof(request.Urn));
            Require(request.Tier, i, nameof(request.Tier));
            Require(request.Format, i, nameof(request.Format));
            Require(request.Runtime, i, nameof(request.Runtime));
            Require(request.OwnerTeam, i, nameof(request.OwnerTeam));
            Require(request.RegisteredBy, i, nameof(request.RegisteredBy));
            Require(request.ContentHash, i, nameof(request.ContentHash));
            if (request.YamlContent is null)
            {
                throw new ArgumentException($"requests[{i}].YamlContent is null.");
            }
        }
    }

    private static void Require(string? value, int index, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"requests[{index}].{field} is empty.");
        }
    }
}
