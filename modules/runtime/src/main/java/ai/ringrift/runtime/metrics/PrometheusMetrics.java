package ai.ringrift.runtime.metrics;

import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What a service's {@code /metrics} serves, in Prometheus' text format, from the Prometheus Java
 * client: the service's Dropwizard metrics through the client's Dropwizard bridge with our labels
 * ({@link MetricLabels}), the JVM's metrics (memory, GC, threads, classes, ...), and the Kafka
 * clients' own metrics ({@link KafkaClientMetrics}). docs/metrics.md lists the names.
 */
public final class PrometheusMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /** The metrics of {@code dropwizard}, the JVM and the process's Kafka clients. */
  public PrometheusMetrics(MetricRegistry dropwizard) {
    registry.register(new DropwizardBridge(dropwizard));
    registry.register(new KafkaClientMetrics());
    JvmMetrics.builder().register(registry);
  }

  /** The content type of {@link #scrape()}. */
  public String contentType() {
    return writer.getContentType();
  }

  /** Every metric's current value. */
  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
