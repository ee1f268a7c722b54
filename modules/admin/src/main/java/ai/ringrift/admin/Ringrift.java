package ai.ringrift.admin;

import ai.ringrift.admin.acls.AclsCommand;
import ai.ringrift.admin.audit.AuditCommand;
import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ClusterOptions;
import ai.ringrift.admin.cli.ExitCodes;
import ai.ringrift.admin.cli.Logging;
import ai.ringrift.admin.cli.RunsAsService;
import ai.ringrift.admin.cluster.ClusterCommand;
import ai.ringrift.admin.dashboard.DashboardCommand;
import ai.ringrift.admin.events.EventsCommand;
import ai.ringrift.admin.launch.DaemonsCommand;
import ai.ringrift.admin.launch.LaunchCommand;
import ai.ringrift.admin.schemas.SchemasCommand;
import ai.ringrift.admin.simulate.SimulateSelfplayCommand;
import ai.ringrift.admin.state.CircuitCommand;
import ai.ringrift.admin.state.ModelsCommand;
import ai.ringrift.admin.state.SignalsCommand;
import ai.ringrift.admin.state.WhatIfCommand;
import ai.ringrift.admin.topics.TopicsCommand;
import ai.ringrift.client.security.SecurityErrors;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ringrift} admin tool. Exit codes: 0 success, 1 failure (the one line on stderr says
 * what is wrong and what to do), 2 usage error.
 */
@Command(
    name = "ringrift",
    mixinStandardHelpOptions = true,
    versionProvider = Ringrift.Version.class,
    description = "Inspect and operate the RingRift coordination platform.",
    subcommands = {
      UpCommand.class,
      TopicsCommand.class,
      ClusterCommand.class,
      DaemonsCommand.class,
      LaunchCommand.class,
      AclsCommand.class,
      SchemasCommand.class,
      EventsCommand.class,
      SignalsCommand.class,
      CircuitCommand.class,
      ModelsCommand.class,
      WhatIfCommand.class,
      SimulateSelfplayCommand.class,
      AuditCommand.class,
      DashboardCommand.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:failure: one line on stderr says what is wrong and what to do",
      "2:usage error (unknown command or option, bad value)"
    },
    footer = {"", "Bash completion: source <(scripts/ringrift generate-completion)"})
public final class Ringrift {
  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Also print our INFO and the libraries' (Kafka's) warnings, on stderr.")
  void verbose(boolean on) {
    if (on) {
      Logging.verbose();
    }
  }

  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      scope = ScopeType.INHERIT,
      description = "Print every log line from LEVEL (${COMPLETION-CANDIDATES}) on stderr.")
  void logLevel(LogLevel level) {
    Logging.level(level.name());
  }

  /** The levels of {@code --log-level}. */
  enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
  }

  public static void main(String[] args) {
    Logging.commandLine(); // before any class logs: the terminal gets what the command says
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@code main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Ringrift());
    cli.setExecutionStrategy(Ringrift::execute);
    cli.setExecutionExceptionHandler(Ringrift::oneLineError);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    // `ringrift launch` is `ringrift daemons launch`, kept for scripts and docker-compose.yml
    cli.getSubcommands().get("launch").getCommandSpec().usageMessage().hidden(true);
    return cli;
  }

  private static int execute(CommandLine.ParseResult parsed) {
    List<CommandLine> chosen = parsed.asCommandLineList();
    if (chosen.get(chosen.size() - 1).getCommand() instanceof RunsAsService) {
      Logging.service();
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static int oneLineError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    String message = accessDenied(e, cli).orElseGet(() -> message(e));
    err.println(
        cli.getColorScheme().errorText("ringrift " + cli.getCommandName() + ": " + message));
    return ExitCodes.FAILURE;
  }

  /** Kafka's "not authorized" errors, explained with the command's principal and roles. */
  private static Optional<String> accessDenied(Exception e, CommandLine cli) {
    if (e instanceof CliException) {
      return Optional.empty();
    }
    return cli.getCommandSpec().mixins().values().stream()
        .map(CommandLine.Model.CommandSpec::userObject)
        .filter(ClusterOptions.class::isInstance)
        .map(ClusterOptions.class::cast)
        .findFirst()
        .flatMap(connection -> connection.explain(e, SecurityErrors.Access.MANAGE));
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  /** Version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Ringrift.class.getPackage().getImplementationVersion();
      return new String[] {"ringrift " + (version == null ? "development" : version)};
    }
  }
}
