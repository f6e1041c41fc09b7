using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PerfGate.Gating;

namespace PerfGate.Tasks;

/// <summary>PerfGate's progress and summary as MSBuild messages: detail low; progress and summary high, so the default verbosity shows what is running.</summary>
internal sealed class MSBuildGateLog(TaskLoggingHelper log) : IGateLog
{
    public void Detail(string message) => log.LogMessage(MessageImportance.Low, "{0}", message);

    public void Progress(string message) => log.LogMessage(MessageImportance.High, "{0}", message);

    public void Summary(string message) => log.LogMessage(MessageImportance.High, "{0}", message);
}
