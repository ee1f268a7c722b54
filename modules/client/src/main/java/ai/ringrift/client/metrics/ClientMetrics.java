package ai.ringrift.client.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SharedMetricRegistries;
import com.codahale.metrics.jmx.JmxReporter;

/**
 * Where publishers and subscribers record their metrics. A {@code ServiceRuntime} passes its own
 * registry (and reports it); a trainer that passes none gets one registry shared by the process and
 * reported as JMX MBeans in the {@value #JMX_DOMAIN} domain, so metrics are visible by default
 * without any set-up.
 */
public final class ClientMetrics {
  /** The JMX domain of the process-wide registry (the same as {@code config/runtime.yaml}'s). */
  public static final String JMX_DOMAIN = "ringrift";

  private static final String SHARED_NAME = "ringrift-client";
  private static JmxReporter sharedReporter;

  private ClientMetrics() {}

  /** {@code given} when there is one, else the process-wide registry reported through JMX. */
  public static MetricRegistry orDefault(MetricRegistry given) {
    return given != null ? given : processRegistry();
  }

  /** The process-wide registry; its JMX reporter starts with the first use and lives as long. */
  public static synchronized MetricRegistry processRegistry() {
    MetricRegistry registry = SharedMetricRegistries.getOrCreate(SHARED_NAME);
    if (sharedReporter == null) {
      sharedReporter = JmxReporter.forRegistry(registry).inDomain(JMX_DOMAIN).build();
      sharedReporter.start();
    }
    return registry;
  }
}
