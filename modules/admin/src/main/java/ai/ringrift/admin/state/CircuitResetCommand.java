package ai.ringrift.admin.state;

import ai.ringrift.admin.cli.CliException;
import ai.ringrift.admin.cli.ConfigFilter;
import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.ConnectionOptions;
import ai.ringrift.admin.cli.Durations;
import ai.ringrift.admin.cli.OutputOptions;
import ai.ringrift.client.json.AvroJson;
import ai.ringrift.client.publish.PublishedEvent;
import ai.ringrift.events.CircuitResetRequested;
import ai.ringrift.events.CircuitState;
import ai.ringrift.events.CircuitStatus;
import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.Stage;
import ai.ringrift.events.contract.KeyKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ringrift circuit reset STAGE CONFIG --reason …}: publishes {@code CircuitResetRequested};
 * the circuit-breakers app closes the breaker and forgets its opens when it reads it.
 */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description = {
      "Ask the circuit-breakers app to close the breaker of STAGE and CONFIG now and forget its"
          + " opens (publishes CircuitResetRequested).",
      "With --wait: until the breaker shows CLOSED (exit 1 if it does not in time)."
    })
public final class CircuitResetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "STAGE",
      description = "${COMPLETION-CANDIDATES} (any case).")
  Stage stage;

  @Parameters(index = "1", paramLabel = "CONFIG", description = "e.g. square8_2p.")
  String config;

  @Option(names = "--reason", required = true, description = "Why (kept with the event).")
  String reason;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Wait this long for the breaker to show CLOSED (e.g. 30s).")
  Duration await;

  @Override
  public Integer call() {
    ConfigKey key = ConfigFilter.configKey(config);
    PrintWriter out = spec.commandLine().getOut();
    try (Connected connected = connection.connect();
        AnswerWatch<CircuitState> outcome = AnswerWatch.watch(connected, CircuitState.class)) {
      CircuitResetRequested request =
          CircuitResetRequested.newBuilder()
              .setHeader(connected.publisher().newHeader())
              .setConfig(key)
              .setStage(stage)
              .setRequestedBy(Connected.operator())
              .setReason(reason)
              .build();
      PublishedEvent published = connected.publish(request);
      String breaker = KeyKind.CONFIG_STAGE.keyOf(request);
      if (await == null && output.json()) {
        OutputOptions.printJson(out, Map.of("request", published));
        return 0;
      }
      if (await == null) {
        out.printf(
            "reset of %s requested (event %s); `ringrift circuit status --config %s` shows it%n",
            breaker, published.eventId(), config);
        out.flush();
        return 0;
      }
      Optional<CircuitState> closed =
          outcome.await(
              s ->
                  s.getStage() == stage
                      && s.getConfig().equals(key)
                      && s.getStatus() == CircuitStatus.CLOSED
                      && !s.getUpdatedAt().isBefore(request.getHeader().getOccurredAt()),
              await);
      if (closed.isEmpty()) {
        throw new CliException(
            "reset of "
                + breaker
                + " requested (event "
                + published.eventId()
                + "), but the"
                + " breaker did not show CLOSED within "
                + await.toSeconds()
                + " s; is the"
                + " circuit-breakers app running? (`ringrift cluster status` lists its group)");
      }
      if (output.json()) {
        OutputOptions.printJson(
            out, java.util.Map.of("request", published, "state", AvroJson.toMap(closed.get())));
        return 0;
      }
      out.printf("%s is CLOSED (reset by %s: %s)%n", breaker, Connected.operator(), reason);
      out.flush();
      return 0;
    }
  }
}
