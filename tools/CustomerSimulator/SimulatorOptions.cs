namespace Onboarding.CustomerSimulator;

/// <summary>The simulator's settings, from its command line; defaults fit ./run.sh's local default.</summary>
public sealed class SimulatorOptions
{
    public string Command { get; set; } = "";
    public string AccountId { get; set; } = "";
    public Uri Api { get; set; } = new("http://127.0.0.1:5080/");
    public string Key { get; set; } = "local-partner-key";
    public string Region { get; set; } = "us-east-1";
    /// <summary>fauxqs: SNS (to publish), S3 (the answers' bucket); the same endpoint the silo uses.</summary>
    public Uri Aws { get; set; } = new("http://127.0.0.1:4566/");
    /// <summary>The STS stand-in, whose role registry holds the role the stack "creates"; the service checks it there.</summary>
    public Uri Sts { get; set; } = new("http://127.0.0.1:4567/");
    public string RoleName { get; set; } = "PartnerAccessRole-Renamed";
    /// <summary>Where launched stacks are kept between commands (CloudFormation remembers its stacks too).</summary>
    public string StackDirectory { get; set; } = Path.Combine(".run", "simulator");
    /// <summary>onboard-org: the organization (o-…), how many member accounts its StackSet reaches, and its root or OUs.</summary>
    public string OrganizationId { get; set; } = "";
    public int Members { get; set; } = 5;
    public List<string> Targets { get; set; } = ["r-ab12"];

    public static readonly string[] Commands = ["onboard", "update", "delete", "onboard-org"];

    public const string Usage = """
        usage: CustomerSimulator onboard|update|delete|onboard-org ACCOUNT_ID [options]
          onboard      start through the API, download the template, create the role, send Create, wait for the answer
          update       send Update for the stack launched by 'onboard' (renames the role: --role-name, created first)
          delete       send Delete for that stack
          onboard-org  ACCOUNT_ID is the management account: start the organization (--organization) through the API,
                       launch the management template, then the StackSet's instances in --members accounts at once
        options:
          --api URL          the service's API            (default http://127.0.0.1:5080)
          --key KEY          partner API key              (default local-partner-key)
          --region REGION    stack region                 (default us-east-1)
          --aws URL          SNS/S3 endpoint (fauxqs)     (default http://127.0.0.1:4566)
          --sts URL          STS stand-in (role registry) (default http://127.0.0.1:4567)
          --role-name NAME   role name for 'update'       (default PartnerAccessRole-Renamed)
          --stacks DIR       where stacks are remembered  (default .run/simulator)
          --organization ID  onboard-org: the organization id, o-…  (required)
          --members N        onboard-org: member accounts, 1-500   (default 5)
          --targets IDS      onboard-org: root/OUs, comma-separated (default r-ab12)
        """;

    /// <summary>Parses the command line; returns the problems (empty when usable).</summary>
    public static (SimulatorOptions Options, List<string> Problems) Parse(string[] args)
    {
        var options = new SimulatorOptions();
        var problems = new List<string>();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal)) { positional.Add(arg); continue; }
            if (i + 1 >= args.Length) { problems.Add($"{arg} needs a value"); break; }
            var value = args[++i];
            switch (arg)
            {
                case "--api": SetUri(value, u => options.Api = u); break;
                case "--aws": SetUri(value, u => options.Aws = u); break;
                case "--sts": SetUri(value, u => options.Sts = u); break;
                case "--key": options.Key = value; break;
                case "--region": options.Region = value; break;
                case "--role-name": options.RoleName = value; break;
                case "--stacks": options.StackDirectory = value; break;
                case "--organization": options.OrganizationId = value; break;
                case "--members":
                    if (int.TryParse(value, out var members)) options.Members = members;
                    else problems.Add($"--members needs a number (got '{value}')");
                    break;
                case "--targets": options.Targets = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                default: problems.Add($"unknown option {arg}"); break;
            }
        }
        if (positional.Count != 2) problems.Add("expected a command and an account id");
        else (options.Command, options.AccountId) = (positional[0], positional[1]);
        problems.AddRange(options.Validate());
        return (options, problems);

        void SetUri(string text, Action<Uri> set)
        {
            // A trailing slash so that relative API paths keep the base path.
            if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri)) set(uri);
            else problems.Add($"'{text}' is not an absolute URL");
        }
    }

    private IEnumerable<string> Validate()
    {
        if (Command.Length > 0 && !Commands.Contains(Command)) yield return $"unknown command '{Command}'";
        if (AccountId.Length > 0 && (AccountId.Length != 12 || !AccountId.All(char.IsAsciiDigit))) yield return "the account id has 12 digits";
        if (string.IsNullOrWhiteSpace(Key)) yield return "--key must not be empty";
        if (string.IsNullOrWhiteSpace(Region)) yield return "--region must not be empty";
        if (string.IsNullOrWhiteSpace(RoleName)) yield return "--role-name must not be empty";
        if (Command == "onboard-org" && !(OrganizationId.StartsWith("o-", StringComparison.Ordinal) && OrganizationId.Length >= 12))
            yield return "onboard-org needs --organization o-… (o- and 10-32 lowercase letters or digits)";
        if (Members is < 1 or > 500) yield return "--members must be 1-500";
    }
}
