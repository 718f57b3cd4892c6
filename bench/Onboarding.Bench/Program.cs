using Onboarding.Bench;
using Onboarding.Bench.SiloHost;

// One executable, two roles: the benchmark itself, and (as its child process) the silo it measures.
if (args.Length > 0 && args[0] == SiloHostProgram.Mode) return await SiloHostProgram.RunAsync(args[1..]);

if (args.Contains("--help"))
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
var (options, problems) = BenchOptions.Parse(args);
if (problems.Count > 0)
{
    foreach (var problem in problems) Console.Error.WriteLine($"error: {problem}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
// Before any DynamoDB client exists: the floor's writes are metered like the silo's.
Onboarding.Bench.Counting.DynamoDbWriteUnits.AskForConsumedCapacity();
return await new BenchRun(options).RunAsync();
