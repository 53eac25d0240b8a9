using System.Security.Cryptography;
using System.Text;

namespace SignalFactory.Registry.Tests.TestSupport;

/// <summary>Builds registration requests whose YAML and hash are computed here, independently of the code under test.</summary>
public static class Manifests
{
    public static string Yaml(string urn, string revision) =>
        $"urn: {urn}\nowner_team: team-a\ntier: TIER_2\nruntime: spark\nstorage:\n  format: delta\n# revision {revision}\n";

    public static string Sha256(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static RegistrationRequest Request(
        string urn,
        string revision = "r1",
        string tier = "TIER_2",
        string format = "delta",
        string ownerTeam = "team-a",
        string runtime = "spark",
        string? enforcementModel = "post_write",
        string registeredBy = "human:alice")
    {
        var yaml = Yaml(urn, revision);
        return new RegistrationRequest(urn, tier, format, runtime, enforcementModel, ownerTeam, registeredBy, yaml, Sha256(yaml));
    }
}
