namespace SignalFactory.Cli.Hosting;

/// <summary>Process exit codes; part of the CLI contract.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;
    public const int Conflict = 3;
}
