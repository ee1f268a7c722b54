package ai.ringrift.runtime.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Dropwizard registry as Prometheus metrics, through the Prometheus client's Dropwizard bridge
 * ({@link DropwizardExports}) with our {@link MetricLabels}. The bridge makes one metric per
 * Dropwizard metric; the metrics the labels bring together under one name are merged here into one
 * family. Gauges whose value is text (a Streams app's state) become info metrics, {@code
 * ringrift_streams_state_info{app="signal-computer",value="RUNNING"} 1}, which the bridge would
 * drop.
 */
final class DropwizardBridge implements MultiCollector {
  private final MetricRegistry registry;
  private final MetricLabels labels = new MetricLabels();

  DropwizardBridge(MetricRegistry registry) {
    this.registry = registry;
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, List<MetricSnapshot>> families = new TreeMap<>();
    List<MetricSnapshot> texts = new ArrayList<>();
    registry
        .getMetrics()
        .forEach(
            (name, metric) -> {
              if (metric instanceof Gauge<?> gauge) {
                Object value = gauge.getValue();
                if (value == null) {
                  return; // nothing to report yet
                }
                if (!(value instanceof Number) && !(value instanceof Boolean)) {
                  texts.add(info(name, value));
                  return;
                }
              }
              for (MetricSnapshot one :
                  new DropwizardExports(registry, (n, m) -> n.equals(name), labels).collect()) {
                families
                    .computeIfAbsent(one.getMetadata().getPrometheusName(), k -> new ArrayList<>())
                    .add(one);
              }
            });
    List<MetricSnapshot> merged = new ArrayList<>();
    families.values().forEach(family -> merged.add(merge(family)));
    mergeInto(merged, texts);
    return new MetricSnapshots(merged);
  }

  private static MetricSnapshot info(String name, Object value) {
    MetricLabels.Mapped mapped = MetricLabels.map(name);
    List<String> names = new ArrayList<>(mapped.labelNames());
    List<String> values = new ArrayList<>(mapped.labelValues());
    names.add("value");
    values.add(String.valueOf(value));
    return new InfoSnapshot(
        new MetricMetadata(
            PrometheusNaming.sanitizeMetricName(MetricLabels.underscored(mapped.family())),
            mapped.family()),
        List.of(new InfoSnapshot.InfoDataPointSnapshot(Labels.of(names, values))));
  }

  private static void mergeInto(List<MetricSnapshot> merged, List<MetricSnapshot> texts) {
    Map<String, List<MetricSnapshot>> byName = new TreeMap<>();
    texts.forEach(
        t ->
            byName
                .computeIfAbsent(t.getMetadata().getPrometheusName(), k -> new ArrayList<>())
                .add(t));
    byName.values().forEach(family -> merged.add(merge(family)));
  }

  /** One family from the bridge's metrics of one name (all of one type, with distinct labels). */
  private static MetricSnapshot merge(List<MetricSnapshot> family) {
    MetricSnapshot first = family.get(0);
    if (family.size() == 1) {
      return first;
    }
    MetricMetadata metadata =
        new MetricMetadata(
            first.getMetadata().getName(),
            "Dropwizard metrics " + first.getMetadata().getName() + ", by label",
            first.getMetadata().getUnit());
    if (first instanceof CounterSnapshot) {
      return new CounterSnapshot(
          metadata, points(family, CounterSnapshot.CounterDataPointSnapshot.class));
    }
    if (first instanceof GaugeSnapshot) {
      return new GaugeSnapshot(
          metadata, points(family, GaugeSnapshot.GaugeDataPointSnapshot.class));
    }
    if (first instanceof SummarySnapshot) {
      return new SummarySnapshot(
          metadata, points(family, SummarySnapshot.SummaryDataPointSnapshot.class));
    }
    if (first instanceof InfoSnapshot) {
      return new InfoSnapshot(metadata, points(family, InfoSnapshot.InfoDataPointSnapshot.class));
    }
    throw new IllegalStateException("cannot merge metrics of type " + first.getClass());
  }

  private static <P> List<P> points(List<MetricSnapshot> family, Class<P> type) {
    List<P> points = new ArrayList<>();
    for (MetricSnapshot snapshot : family) {
      snapshot.getDataPoints().forEach(p -> points.add(type.cast(p)));
    }
    return points;
  }
}
