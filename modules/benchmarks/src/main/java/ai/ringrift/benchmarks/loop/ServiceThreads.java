package ai.ringrift.benchmarks.loop;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which service a thread of the benchmark's JVM works for, by its name: the stage services name
 * their consumers, producers and run threads after themselves ({@code ringrift.stage.export},
 * {@code export-run-3}, {@code ringrift-publisher-export@...}), the Streams apps after their
 * application ids, the harness's threads start with {@code bench-}. The rest is the broker (its
 * request handlers, network, log and controller threads) and the schema registry.
 */
final class ServiceThreads {
  static final String HARNESS = "harness (load, observer, probes)";
  static final String BROKER = "broker";
  static final String REGISTRY = "schema registry";
  static final String STAGES_SHARED = "stages: state tables, bandwidth client";
  static final String OTHER = "other";

  private static final List<String> STAGES =
      List.of("selfplay-sync", "export", "training", "evaluation", "promotion");

  private final Map<String, String> streamsApps;

  /** {@code streamsApps}: service name by application id. */
  ServiceThreads(Map<String, String> streamsApps) {
    this.streamsApps = Map.copyOf(streamsApps);
  }

  String of(Thread thread) {
    return of(thread.getName());
  }

  String of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.contains("bench-") || n.equals("main")) {
      return HARNESS;
    }
    for (Map.Entry<String, String> app : streamsApps.entrySet()) {
      if (n.contains(app.getKey().toLowerCase(Locale.ROOT))) {
        return app.getValue();
      }
    }
    for (String stage : STAGES) {
      if (n.contains("ringrift.stage." + stage)
          || n.startsWith(stage + "-run-")
          || n.contains("publisher-" + stage + "@")) {
        return stage;
      }
    }
    if (n.startsWith("state-tables")
        || n.startsWith("bandwidth-grants")
        || n.contains("bandwidth-client")) {
      return STAGES_SHARED;
    }
    if (n.contains("bandwidth-allocator") || n.startsWith("role-")) {
      return "bandwidth-allocator";
    }
    if (n.contains("schema-registry") || n.contains("registry") || n.startsWith("http-")) {
      return REGISTRY;
    }
    if (n.contains("kafka")
        || n.contains("broker")
        || n.contains("controller")
        || n.contains("raft")
        || n.contains("log")
        || n.contains("replica")
        || n.contains("expiration")
        || n.contains("group-coordinator")
        || n.contains("transaction")
        || n.contains("scheduler")
        || n.contains("executor")
        || n.contains("quorum")
        || n.contains("metadata")) {
      return BROKER;
    }
    return OTHER;
  }
}
