using SignalFactory.Cli.Hosting;

return await SfApp.RunAsync(args, CliConsole.FromProcess()).ConfigureAwait(false);
