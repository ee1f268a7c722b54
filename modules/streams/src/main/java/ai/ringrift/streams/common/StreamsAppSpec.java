package ai.ringrift.streams.common;

import ai.ringrift.config.ConfigSource;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;

/**
 * What one Streams app is: all that {@link StreamsApp#start} needs to run it. The start-up itself
 * (Streams properties, exactly-once, the dead-letter handler, state directory, health check, state
 * gauge, status view, shutdown) is the same for every app and lives in {@link StreamsApp}.
 *
 * <pre>{@code
 * static final StreamsAppSpec<SignalsConfig> SPEC =
 *     new StreamsAppSpec<>(
 *         "signal-computer", SignalsConfig::load, Applications::signalComputer,
 *         SignalComputerApp::buildTopology, INPUTS, "signals", SignalComputerApp::signalView);
 * }</pre>
 *
 * @param name the app's service, health-check ({@code streams.<name>}) and metrics name, and the
 *     {@code source} of the events it emits
 * @param rules loads the app's validated thresholds from the config directory
 * @param applicationId picks the app's application id from the settings
 * @param topology builds the topology (the function the tests drive too)
 * @param inputs the event types it reads from their catalog topics: their poison records go to
 *     their dead-letter topics
 * @param viewName the status view's name, served at {@code /status/<viewName>}
 * @param view what the status view shows of the running app
 * @param <R> the rules' type
 */
public record StreamsAppSpec<R>(
    String name,
    Function<ConfigSource, R> rules,
    Function<StreamsSettings.Applications, String> applicationId,
    Function<AppConfig<R>, Topology> topology,
    List<Class<? extends SpecificRecord>> inputs,
    String viewName,
    BiFunction<StreamsApp, AppConfig<R>, Function<String, ?>> view) {
  public StreamsAppSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(topology, "topology");
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(viewName, "viewName");
    Objects.requireNonNull(view, "view");
  }
}
