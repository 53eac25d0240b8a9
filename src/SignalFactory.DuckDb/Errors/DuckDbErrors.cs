namespace SignalFactory.DuckDb;

/// <summary>Builds <see cref="DuckDbException"/>s from what the C API hands back.</summary>
internal static class DuckDbErrors
{
    // DuckDB formats messages as "<category> Error: <text>". Where the C API gives no error type (open, prepare), the
    // category name is the only way to learn it. Names as DuckDB spells them.
    private static readonly Dictionary<string, DuckDbErrorType> s_categories = new(StringComparer.Ordinal)
    {
        ["Out of Range"] = DuckDbErrorType.OutOfRange,
        ["Conversion"] = DuckDbErrorType.Conversion,
        ["Unknown Type"] = DuckDbErrorType.UnknownType,
        ["Decimal"] = DuckDbErrorType.Decimal,
        ["Mismatch Type"] = DuckDbErrorType.MismatchType,
        ["Divide by Zero"] = DuckDbErrorType.DivideByZero,
        ["Object Size"] = DuckDbErrorType.ObjectSize,
        ["Invalid type"] = DuckDbErrorType.InvalidType,
        ["Serialization"] = DuckDbErrorType.Serialization,
        ["TransactionContext"] = DuckDbErrorType.Transaction,
        ["Not implemented"] = DuckDbErrorType.NotImplemented,
        ["Expression"] = DuckDbErrorType.Expression,
        ["Catalog"] = DuckDbErrorType.Catalog,
        ["Parser"] = DuckDbErrorType.Parser,
        ["Planner"] = DuckDbErrorType.Planner,
        ["Scheduler"] = DuckDbErrorType.Scheduler,
        ["Executor"] = DuckDbErrorType.Executor,
        ["Constraint"] = DuckDbErrorType.Constraint,
        ["Index"] = DuckDbErrorType.Index,
        ["Stat"] = DuckDbErrorType.Stat,
        ["Connection"] = DuckDbErrorType.Connection,
        ["Syntax"] = DuckDbErrorType.Syntax,
        ["Settings"] = DuckDbErrorType.Settings,
        ["Binder"] = DuckDbErrorType.Binder,
        ["Network"] = DuckDbErrorType.Network,
        ["Optimizer"] = DuckDbErrorType.Optimizer,
        ["NullPointer"] = DuckDbErrorType.NullPointer,
        ["IO"] = DuckDbErrorType.IO,
        ["INTERRUPT"] = DuckDbErrorType.Interrupt,
        ["FATAL"] = DuckDbErrorType.Fatal,
        ["INTERNAL"] = DuckDbErrorType.Internal,
        ["Invalid Input"] = DuckDbErrorType.InvalidInput,
        ["Out of Memory"] = DuckDbErrorType.OutOfMemory,
        ["Permission"] = DuckDbErrorType.Permission,
        ["Parameter Not Resolved"] = DuckDbErrorType.ParameterNotResolved,
        ["Parameter Not Allowed"] = DuckDbErrorType.ParameterNotAllowed,
        ["Dependency"] = DuckDbErrorType.Dependency,
        ["HTTP"] = DuckDbErrorType.Http,
        ["Missing Extension"] = DuckDbErrorType.MissingExtension,
        ["Extension Autoloading"] = DuckDbErrorType.Autoload,
        ["Sequence"] = DuckDbErrorType.Sequence,
        ["Invalid Configuration"] = DuckDbErrorType.InvalidConfiguration,
    };

    /// <summary>The category named at the start of a DuckDB message, or Invalid when there is none.</summary>
    public static DuckDbErrorType CategoryOf(string message)
    {
        var end = message.IndexOf(" Error: ", StringComparison.Ordinal);
        return end > 0 && s_categories.TryGetValue(message[..end], out var type) ? type : DuckDbErrorType.Invalid;
    }

    /// <summary>An exception for a message that came without an error type.</summary>
    public static DuckDbException FromMessage(string? message, string fallback)
    {
        var text = string.IsNullOrEmpty(message) ? fallback : message;
        return new DuckDbException(text, CategoryOf(text));
    }

    /// <summary>An exception for a failed duckdb_query / duckdb_execute_prepared; the result still needs destroying.</summary>
    public static unsafe DuckDbException FromResult(DuckDbNativeResult* result)
    {
        var message = Utf8.FromNative(NativeMethods.duckdb_result_error(result));
        var type = NativeMethods.duckdb_result_error_type(result);
        var text = string.IsNullOrEmpty(message) ? "DuckDB reported an error without a message." : message;
        return new DuckDbException(text, type == DuckDbErrorType.Invalid ? CategoryOf(text) : type);
    }
}
