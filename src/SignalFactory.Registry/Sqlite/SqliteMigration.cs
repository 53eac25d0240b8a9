namespace SignalFactory.Registry.Sqlite;

/// <summary>
/// One numbered schema change of the workspace database. Numbers are global across features (registry 1–99,
/// orchestrator 100–199, baselines 200–299, …) and never reused; a migration, once released, never changes.
/// </summary>
/// <param name="Number">Position in the order of application (≥ 1).</param>
/// <param name="Name">Short stable name, recorded with the number to catch two features claiming one number.</param>
/// <param name="Sql">DDL, one or more statements; runs inside the migration's transaction.</param>
public sealed record SqliteMigration(int Number, string Name, string Sql);
