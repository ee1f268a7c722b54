package ai.ringrift.stages.host;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.contract.ConfigKeys;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * A stage's metrics, {@code ringrift.stage.<name>.*}: runs started, succeeded, failed, adopted
 * (finished output of a crashed run announced), interrupted (handed back), gave-up
 * (PipelineFailed), skipped (a trigger already done or not due), coalesced (a trigger answered by
 * the run or decision of a trigger before it), probes (half-open probes run), and the action timer.
 */
final class RunMetrics {
  final Counter started;
  final Counter succeeded;
  final Counter failed;
  final Counter adopted;
  final Counter interrupted;
  final Counter gaveUp;
  final Counter skipped;
  final Counter coalesced;
  final Counter probes;
  final Timer action;
  private final MetricRegistry registry;
  private final String prefix;

  RunMetrics(MetricRegistry registry, String name) {
    this.registry = registry;
    this.prefix = "ringrift.stage." + name + ".";
    started = registry.counter(prefix + "runs.started");
    succeeded = registry.counter(prefix + "runs.succeeded");
    failed = registry.counter(prefix + "runs.failed");
    adopted = registry.counter(prefix + "runs.adopted");
    interrupted = registry.counter(prefix + "runs.interrupted");
    gaveUp = registry.counter(prefix + "runs.gave-up");
    skipped = registry.counter(prefix + "runs.skipped");
    coalesced = registry.counter(prefix + "runs.coalesced");
    probes = registry.counter(prefix + "runs.probes");
    action = registry.timer(prefix + "action");
  }

  /**
   * Runs of {@code config} that succeeded, {@code ringrift.stage.<name>.config.<config>.succeeded}:
   * what a caller counts per config (exports, trainings, ... of square8_2p).
   */
  Counter succeeded(ConfigKey config) {
    return registry.counter(prefix + "config." + ConfigKeys.format(config) + ".succeeded");
  }
}
