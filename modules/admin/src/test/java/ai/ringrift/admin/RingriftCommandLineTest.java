package ai.ringrift.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.admin.cli.ExitCodes;
import org.junit.jupiter.api.Test;

/** What the command line does before it talks to any cluster: help, version, completion, usage. */
class RingriftCommandLineTest {
  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    Cli.Result help = Cli.run("--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("topics", "schemas", "events", "signals", "circuit", "models", "what-if")
        .contains("daemons", "cluster", "acls", "generate-completion")
        .contains("Exit codes:", "0   success", "2   usage error")
        .doesNotContain("  launch ");
  }

  @Test
  void completionIsABashScriptCoveringNestedCommands() {
    Cli.Result completion = Cli.run("generate-completion");

    assertThat(completion.exitCode()).isZero();
    assertThat(completion.out())
        .startsWith("#!/usr/bin/env bash")
        .contains("complete -F _complete_ringrift")
        .contains("_picocli_ringrift_events_dlq_redrive");
  }

  @Test
  void versionNamesTheTool() {
    Cli.Result version = Cli.run("--version");

    assertThat(version.exitCode()).isZero();
    assertThat(version.out()).startsWith("ringrift ");
  }

  @Test
  void anUnknownCommandIsAUsageErrorWithASuggestion() {
    Cli.Result result = Cli.run("event", "recent");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err())
        .contains("Unmatched arguments from index 0: 'event'", "Did you mean: ringrift events");
  }
}
