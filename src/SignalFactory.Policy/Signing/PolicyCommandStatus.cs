namespace SignalFactory.Policy.Signing;

/// <summary>Outcome classes of the policy commands; the numeric values are the CLI exit codes.</summary>
public enum PolicyCommandStatus
{
    /// <summary>Done / valid.</summary>
    Ok = 0,

    /// <summary>The bundle was refused (tampered, unsigned, unknown key, invalid).</summary>
    Failed = 1,

    /// <summary>Bad input or environment: missing file, unreadable or unusable key, bad argument.</summary>
    InvalidInput = 2,

    /// <summary>Would overwrite something that exists (e.g. a key pair without --force).</summary>
    Conflict = 3,
}
