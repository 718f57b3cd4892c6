using System.Globalization;

namespace Onboarding.Bench;

/// <summary>The bench's settings, from its command line.</summary>
public sealed class BenchOptions
{
    public int Onboardings { get; set; } = 5_000;
    public int Concurrency { get; set; } = 64;
    /// <summary>Onboardings before each measured run (not measured): JIT, connection pools, first topic.</summary>
    public int Warmup { get; set; } = 300;
    /// <summary>0: no scale run. Otherwise: customers created in total for the scale section (e.g. 100000).</summary>
    public int Scale { get; set; }
    /// <summary>How the scale run fills the table between its windows of starts through the API.</summary>
    public ScaleFill ScaleFill { get; set; } = ScaleFill.Direct;
    public bool SkipFloor { get; set; }
    /// <summary>Null: the service on one silo with localhost clustering (the local default). N: N silo processes on Redis membership.</summary>
    public int? Silos { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string OutputDirectory { get; set; } = Path.Combine("bench", "results");
    /// <summary>Silo settings over Silo/appsettings.json (e.g. Events:Receivers=8), for experiments; the floor mirrors the Events ones.</summary>
    public Dictionary<string, string> SiloSettings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public const string Usage = """
        usage: Onboarding.Bench [options]
          --onboardings N   onboardings per measured run            (default 5000)
          --concurrency C   concurrent customers                    (default 64)
          --warmup N        unmeasured onboardings before each run  (default 300)
          --scale N         also fill the table to N customers and measure start and /stats latency, the recount and memory as it grows (default: off)
          --scale-fill F    direct: between windows of 1,000 starts through the API, copies of a Templated customer written
                            straight to the table (fast); api: every customer started through the API (default direct)
          --silos N         the service on N silo processes, a cluster on Redis membership (default: one silo, localhost clustering)
          --skip-floor      measure the service only
          --output DIR      where the JSON result goes              (default bench/results)
          --silo KEY=VALUE  a silo setting over Silo/appsettings.json, repeatable (e.g. --silo Events:Receivers=8);
                            the floor mirrors Events:Receivers and Events:MaxMessages
        """;

    public static (BenchOptions Options, List<string> Problems) Parse(string[] args)
    {
        var options = new BenchOptions();
        var problems = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--skip-floor") { options.SkipFloor = true; continue; }
            if (i + 1 >= args.Length) { problems.Add($"{arg} needs a value"); break; }
            var value = args[++i];
            switch (arg)
            {
                case "--onboardings": options.Onboardings = Int(arg, value); break;
                case "--concurrency": options.Concurrency = Int(arg, value); break;
                case "--warmup": options.Warmup = Int(arg, value); break;
                case "--scale": options.Scale = Int(arg, value); break;
                case "--silos": options.Silos = Int(arg, value); break;
                case "--region": options.Region = value; break;
                case "--scale-fill" when Enum.TryParse<ScaleFill>(value, ignoreCase: true, out var fill): options.ScaleFill = fill; break;
                case "--scale-fill": problems.Add($"--scale-fill takes direct or api, not '{value}'"); break;
                case "--output": options.OutputDirectory = value; break;
                case "--silo" when value.IndexOf('=') > 0: options.SiloSettings[value[..value.IndexOf('=')]] = value[(value.IndexOf('=') + 1)..]; break;
                case "--silo": problems.Add($"--silo takes KEY=VALUE, not '{value}'"); break;
                default: problems.Add($"unknown option {arg}"); break;
            }
        }
        problems.AddRange(options.Validate());
        return (options, problems);

        int Int(string name, string text)
        {
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            problems.Add($"{name} takes a whole number, not '{text}'");
            return 0;
        }
    }

    private IEnumerable<string> Validate()
    {
        if (Onboardings < 1) yield return "--onboardings must be at least 1";
        if (Concurrency < 1 || Concurrency > 4096) yield return "--concurrency must be between 1 and 4096";
        if (Warmup < 0) yield return "--warmup must not be negative";
        if (Scale != 0 && Scale < 2_000) yield return "--scale must be 0 (off) or at least 2000";
        if (Scale > 10_000_000) yield return "--scale must be at most 10000000";
        if (Silos is < 1 or > 8) yield return "--silos must be between 1 and 8";
        if (Silos > 1 && Scale > 0) yield return "--scale measures one silo's memory: use it without --silos, or with --silos 1";
    }
}

/// <summary>How the scale run fills the table (see <see cref="BenchOptions.ScaleFill"/>).</summary>
public enum ScaleFill
{
    Direct,
    Api,
}
