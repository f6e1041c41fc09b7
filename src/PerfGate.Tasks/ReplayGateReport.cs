using Microsoft.Build.Framework;
using PerfGate.Diagnostics;
using PerfGate.Reports;
using Task = Microsoft.Build.Utilities.Task;

namespace PerfGate.Tasks;

/// <summary>
/// When the gate is up to date (nothing changed since a run that passed), reports that run's findings again, so warnings
/// do not vanish from the error list on an incremental build and obey a NoWarn or WarningsAsErrors added since.
/// </summary>
public sealed class ReplayGateReport : Task
{
    [Required]
    public string ReportPath { get; set; } = string.Empty;

    [Required]
    public string ProjectPath { get; set; } = string.Empty;

    public override bool Execute()
    {
        try
        {
            if (File.Exists(ReportPath))
            {
                foreach (var finding in ReportFile.ReadFindingsAsync(ReportPath).GetAwaiter().GetResult())
                {
                    FindingLogger.Log(Log, finding, ProjectPath);
                }
            }
        }
        catch (Exception error) when (error is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            // A damaged report only loses the replay; the verdict it repeats is in the stamp file.
            Log.LogMessage(MessageImportance.Low, "PerfGate: could not replay {0}: {1}", ReportPath, error.Message);
        }

        return !Log.HasLoggedErrors;
    }
}
