using Portal.Bench;

return await BenchCommands.RunAsync(args, Console.Out, Console.Error);
