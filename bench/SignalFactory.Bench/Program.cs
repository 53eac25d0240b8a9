using SignalFactory.Bench.Bootstrap;
using SignalFactory.Bench.Profile;
using SignalFactory.Bench.Registry;

// Benchmarks that print ratios against references measured in the same run. One verb per file/folder.
var verbs = new Dictionary<string, Func<string[], CancellationToken, Task<int>>>(StringComparer.Ordinal)
{
    ["bootstrap"] = BootstrapBenchmark.RunAsync,
    ["profile"] = ProfileBenchmark.RunAsync,
    ["registry"] = (arguments, _) => RegistryBenchmark.RunAsync(arguments),
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var verb))
{
    Console.Error.WriteLine("usage: SignalFactory.Bench <verb> [options]; verbs: " + string.Join(", ", verbs.Keys));
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await verb(args[1..], cancellation.Token);
