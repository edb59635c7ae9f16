using System.Globalization;
using Microsoft.CodeAnalysis.Sarif;
using Newtonsoft.Json;
using SecureShop.Analyzers;
using SarifNotification = Microsoft.CodeAnalysis.Sarif.Notification;

namespace SecureShop.Cli.Reporting;

/// <summary>
/// SARIF 2.1.0 through the Sarif.Sdk object model, for code-scanning dashboards (GitHub, Azure DevOps):
/// every rule of the catalog with its help, tags and security-severity; results with repository-relative
/// locations, both fingerprints and baseline state; provenance, automation details and notifications.
/// Two scans of the same code give the same file apart from the invocation times.
/// </summary>
internal static class SarifWriter
{
    private const string SourceRootId = "%SRCROOT%";

    public static void Write(ScanReport report, string path)
    {
        var log = Build(report);
        var settings = new JsonSerializerSettings { Formatting = Formatting.Indented, NullValueHandling = NullValueHandling.Ignore };
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonConvert.SerializeObject(log, settings) + "\n");
    }

    public static SarifLog Build(ScanReport report)
    {
        var rules = RuleCatalog.All.Select(Rule).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var run = new Run
        {
            Tool = new Tool { Driver = Driver(rules) },
            OriginalUriBaseIds = new Dictionary<string, ArtifactLocation>
            {
                [SourceRootId] = new ArtifactLocation { Uri = new Uri(EnsureTrailingSlash(report.SourceRoot), UriKind.Absolute) },
            },
            Results = report.Findings.Select(f => Result(f, index)).ToList(),
            Invocations = [Invocation(report)],
            AutomationDetails = new RunAutomationDetails { Id = AutomationId(report) },
            ColumnKind = ColumnKind.Utf16CodeUnits,
        };
        if (report.RepositoryUrl is not null && Uri.TryCreate(report.RepositoryUrl, UriKind.Absolute, out var repositoryUri))
        {
            run.VersionControlProvenance =
            [
                new VersionControlDetails
                {
                    RepositoryUri = repositoryUri,
                    RevisionId = report.Commit,
                    Branch = report.Branch,
                    MappedTo = new ArtifactLocation { UriBaseId = SourceRootId },
                },
            ];
        }

        return new SarifLog { Version = SarifVersion.Current, SchemaUri = new Uri("https://json.schemastore.org/sarif-2.1.0.json"), Runs = [run] };
    }

    private static ToolComponent Driver(List<ReportingDescriptor> rules)
    {
        var version = typeof(RuleCatalog).Assembly.GetName().Version ?? new Version(0, 0, 0);
        var semantic = $"{version.Major}.{version.Minor}.{version.Build}";
        return new ToolComponent
        {
            Name = "SecureShop",
            FullName = "SecureShop.Analyzers",
            Version = semantic,
            SemanticVersion = semantic,
            InformationUri = new Uri("https://github.com/secureshop/SecureShop.Analyzers"),
            Rules = rules,
        };
    }

    private static ReportingDescriptor Rule(RuleInfo rule)
    {
        var markdown = RuleHelp.Markdown(rule.Id) ?? $"# {rule.Id}: {rule.Title}\n\n{rule.Descriptor.Description}";
        var descriptor = new ReportingDescriptor
        {
            Id = rule.Id,
            Name = PascalName(rule.Title),
            ShortDescription = new MultiformatMessageString { Text = rule.Title },
            FullDescription = new MultiformatMessageString { Text = rule.Descriptor.Description.ToString(CultureInfo.InvariantCulture) },
            Help = new MultiformatMessageString { Text = RuleHelp.PlainText(markdown), Markdown = markdown },
            HelpUri = new Uri(rule.HelpUri),
            DefaultConfiguration = new ReportingConfiguration { Level = ToFailureLevel(rule.Descriptor.DefaultSeverity), Enabled = true },
        };
        var tags = new List<string> { "security", $"external/cwe/cwe-{rule.Cwe}" };
        tags.AddRange(rule.PciDss.Select(r => $"pci-dss/{r}"));
        descriptor.SetProperty("tags", tags);
        descriptor.SetProperty("security-severity", rule.SecuritySeverity.ToString("0.0", CultureInfo.InvariantCulture));
        descriptor.SetProperty("precision", rule.Precision);
        descriptor.SetProperty("problem.severity", rule.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error ? "error" : "warning");
        return descriptor;
    }

    private static Result Result(Finding finding, Dictionary<string, int> ruleIndex)
    {
        var result = new Result
        {
            RuleId = finding.RuleId,
            RuleIndex = ruleIndex.TryGetValue(finding.RuleId, out var i) ? i : -1,
            Level = finding.Level switch
            {
                Level.Error => FailureLevel.Error,
                Level.Warning => FailureLevel.Warning,
                _ => FailureLevel.Note,
            },
            Message = new Message { Text = finding.Message },
            PartialFingerprints = new Dictionary<string, string> { [Fingerprints.Key] = finding.Fingerprint },
        };
        if (finding.HasLocation)
        {
            result.Locations =
            [
                new Location
                {
                    PhysicalLocation = Physical(finding.Path!, finding.StartLine, finding.StartColumn, finding.EndLine, finding.EndColumn),
                },
            ];
            if (finding.LineHash is not null)
            {
                result.PartialFingerprints["primaryLocationLineHash"] = finding.LineHash;
            }

            if (finding.Related.Count > 0)
            {
                // The path of a value followed across methods: the calls it went through, the sink in a helper.
                result.RelatedLocations = finding.Related.Select((r, i) => new Location
                {
                    Id = i + 1,
                    PhysicalLocation = Physical(r.Path, r.StartLine, r.StartColumn, r.EndLine, r.EndColumn),
                    Message = new Message { Text = r.Message },
                }).ToList();
            }
        }

        if (finding.BaselineState is { } state)
        {
            result.BaselineState = state == "unchanged" ? BaselineState.Unchanged : BaselineState.New;
        }

        if (finding.Suppressed)
        {
            result.Suppressions = [new Suppression { Kind = SuppressionKind.InSource, Status = SuppressionStatus.Accepted }];
        }

        return result;
    }

    private static PhysicalLocation Physical(string path, int startLine, int startColumn, int endLine, int endColumn) => new()
    {
        ArtifactLocation = new ArtifactLocation { Uri = new Uri(EscapePath(path), UriKind.Relative), UriBaseId = SourceRootId },
        Region = new Region { StartLine = startLine, StartColumn = startColumn, EndLine = endLine, EndColumn = endColumn },
    };

    private static Invocation Invocation(ScanReport report) => new()
    {
        ExecutionSuccessful = report.Successful,
        StartTimeUtc = report.StartedUtc,
        EndTimeUtc = report.EndedUtc,
        CommandLine = string.Join(' ', report.CommandLine.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a)),
        ToolExecutionNotifications = report.Gaps.Select(g => new Notification(g.Level, g.Id, g.Describe())).Concat(report.Notifications).Select(n => new SarifNotification
        {
            Level = n.Level switch
            {
                Level.Error => FailureLevel.Error,
                Level.Warning => FailureLevel.Warning,
                _ => FailureLevel.Note,
            },
            Message = new Message { Text = n.Message },
            Descriptor = new ReportingDescriptorReference { Id = n.Id },
        }).ToList(),
    };

    private static string AutomationId(ScanReport report)
    {
        // GitHub keys analyses by category; "category/run-id" keeps several scans of one repository apart.
        var category = string.IsNullOrWhiteSpace(report.Category) ? "secureshop" : report.Category!.Trim('/');
        return $"{category}/";
    }

    private static FailureLevel ToFailureLevel(Microsoft.CodeAnalysis.DiagnosticSeverity severity) => severity switch
    {
        Microsoft.CodeAnalysis.DiagnosticSeverity.Error => FailureLevel.Error,
        Microsoft.CodeAnalysis.DiagnosticSeverity.Warning => FailureLevel.Warning,
        _ => FailureLevel.Note,
    };

    /// <summary>"Card data written to a log or trace" -> "CardDataWrittenToALogOrTrace".</summary>
    private static string PascalName(string title) =>
        string.Concat(title.Split([' ', ',', '(', ')', '/', '-', '.'], StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string EscapePath(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string EnsureTrailingSlash(string folder)
    {
        var uri = new Uri(Path.GetFullPath(folder)).AbsoluteUri;
        return uri.EndsWith('/') ? uri : uri + "/";
    }
}
