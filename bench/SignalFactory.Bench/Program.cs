using SignalFactory.Bench.Registry;

return args.FirstOrDefault() switch
{
    "registry" => await RegistryBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/SignalFactory.Bench -- registry [--count N]");
    return 2;
}
