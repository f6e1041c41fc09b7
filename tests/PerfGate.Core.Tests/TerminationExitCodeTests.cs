using PerfGate.Running;

namespace PerfGate.Core.Tests;

/// <summary>A build stopped by a signal must never exit with 0, whenever the host decides to exit.</summary>
[TestClass]
public sealed class TerminationExitCodeTests
{
    [TestMethod]
    public void An_exit_after_a_signal_reports_the_signal_and_keeps_a_failure_that_was_already_there()
    {
        var before = Environment.ExitCode;
        try
        {
            Environment.ExitCode = 0;
            TerminationExitCode.Exiting("SIGHUP");
            Assert.AreEqual(129, Environment.ExitCode);

            Environment.ExitCode = 0;
            TerminationExitCode.Exiting("SIGTERM");
            Assert.AreEqual(143, Environment.ExitCode);

            Environment.ExitCode = 1;
            TerminationExitCode.Exiting("SIGTERM");
            Assert.AreEqual(1, Environment.ExitCode, "a failure the build already reported stays");
        }
        finally
        {
            Environment.ExitCode = before; // This test host's own exit.
        }
    }
}
