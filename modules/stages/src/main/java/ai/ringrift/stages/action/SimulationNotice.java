package ai.ringrift.stages.action;

import ai.ringrift.runtime.ServiceRuntime;
import com.codahale.metrics.health.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says that a service runs the simulated RingRift workload where nobody expects it: a WARN line at
 * start and a health check {@code simulation.<component>} whose message says so on {@code /health}
 * (healthy: a simulation works, it just is not the real workload). {@code ringrift up} and the
 * tests, where the simulation is the point, do not use it.
 */
public final class SimulationNotice {
  private static final Logger LOGGER = LoggerFactory.getLogger(SimulationNotice.class);

  /** Prefix of the health checks' names. */
  public static final String CHECK_PREFIX = "simulation.";

  private SimulationNotice() {}

  /** The notice's text for {@code component}, e.g. {@code export.action}. */
  public static String message(String component, String fix) {
    return "SIMULATION: "
        + component
        + " runs the simulated RingRift workload (seeded, simulated model strength), not the real"
        + " one; "
        + fix;
  }

  /** Logs the notice and shows it on {@code runtime}'s {@code /health}. */
  public static void announce(ServiceRuntime runtime, String component, String fix) {
    String message = message(component, fix);
    LOGGER.warn(message);
    String name = CHECK_PREFIX + component;
    runtime.health().unregister(name); // a restarted daemon announces again
    runtime
        .health()
        .register(
            name,
            new HealthCheck() {
              @Override
              protected Result check() {
                return Result.healthy(message);
              }
            });
  }

  /**
   * Announces {@code spec} under {@code key} (e.g. {@code export.action}) when it is a simulation.
   */
  public static void announceIfSimulated(ServiceRuntime runtime, String key, ActionSpec spec) {
    if (spec.kind() == ActionKind.SIMULATION) {
      announce(
          runtime,
          key,
          "set " + key + ".kind: COMMAND in stages.yaml to run the real program (docs/cluster.md)");
    }
  }
}
