package ai.ringrift.runtime.metrics;

import ai.ringrift.client.KafkaSettings;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.MetricsReporter;

/**
 * The Kafka clients' own metrics (producers, consumers, admin clients, Kafka Streams) as Prometheus
 * metrics: every client of the process whose config names {@link Reporter} in {@code
 * metric.reporters} (the service runtime adds it to the clients it hands out) reports its metrics
 * here. Group {@code producer-metrics}, name {@code record-send-rate}, tags {@code client-id}
 * become {@code kafka_producer_record_send_rate{client_id="..."}}; a name ending in {@code -total}
 * is a counter; a text value (a Streams client's state, a client's version) is an info metric.
 */
public final class KafkaClientMetrics implements MultiCollector {
  private static final Map<MetricName, KafkaMetric> METRICS = new ConcurrentHashMap<>();

  /** Kafka makes one per client, from {@code metric.reporters}. */
  public static final class Reporter implements MetricsReporter {
    private final Map<MetricName, KafkaMetric> mine = new ConcurrentHashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public void init(List<KafkaMetric> metrics) {
      metrics.forEach(this::metricChange);
    }

    @Override
    public void metricChange(KafkaMetric metric) {
      mine.put(metric.metricName(), metric);
      METRICS.put(metric.metricName(), metric);
    }

    @Override
    public void metricRemoval(KafkaMetric metric) {
      mine.remove(metric.metricName(), metric);
      METRICS.remove(metric.metricName(), metric);
    }

    @Override
    public void close() {
      mine.forEach(METRICS::remove);
      mine.clear();
    }
  }

  /**
   * {@code kafka} with {@link Reporter} added to {@code metric.reporters}: every client made from
   * it (the service's producers, consumers, admin clients and Streams apps) reports here.
   */
  public static KafkaSettings reportedBy(KafkaSettings kafka) {
    String reporters =
        kafka.clientProperties().get(CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG);
    String ours = Reporter.class.getName();
    if (reporters != null && List.of(reporters.split("\\s*,\\s*")).contains(ours)) {
      return kafka;
    }
    return kafka.with(
        CommonClientConfigs.METRIC_REPORTER_CLASSES_CONFIG,
        reporters == null || reporters.isBlank() ? ours : reporters + "," + ours);
  }

  @Override
  public MetricSnapshots collect() {
    Map<String, Family> families = new TreeMap<>();
    for (KafkaMetric metric : METRICS.values()) {
      MetricName name = metric.metricName();
      if (name.group().equals("kafka-metrics-count")) {
        continue; // how many metrics a client has: nothing to watch
      }
      Object value = metric.metricValue();
      Labels labels = labels(name.tags());
      boolean counter = name.name().endsWith("-total");
      Named named = Named.of(name, counter);
      if (value instanceof Number number) {
        families
            .computeIfAbsent(named.family(), f -> new Family(f, name.description(), counter, false))
            .add(labels, number.doubleValue() * named.scale(), null);
      } else if (value != null && !value.toString().contains("\n")) {
        // a text (not a topology description, which is no label value) as an info metric
        families
            .computeIfAbsent(named.family(), f -> new Family(f, name.description(), false, true))
            .add(labels, 1, value.toString());
      }
    }
    List<MetricSnapshot> snapshots = new ArrayList<>();
    families.values().forEach(f -> snapshots.add(f.snapshot()));
    return new MetricSnapshots(snapshots);
  }

  /**
   * A Kafka metric's Prometheus name and the factor to its base unit: group {@code
   * producer-metrics} and name {@code io-time-ns-avg} become {@code
   * kafka_producer_io_time_seconds_avg} (values times 1e-9); {@code connection-count}, a gauge,
   * becomes {@code kafka_producer_connections}; a counter's {@code -total} goes (the text format
   * adds {@code _total}). Prometheus' linter wants base units and keeps {@code _count} for
   * summaries.
   */
  record Named(String family, double scale) {
    static Named of(MetricName name, boolean counter) {
      String group =
          name.group().endsWith("-metrics")
              ? name.group().substring(0, name.group().length() - "-metrics".length())
              : name.group();
      List<String> words = new ArrayList<>(List.of(name.name().split("-")));
      if (counter) {
        words.remove(words.size() - 1);
      }
      double scale = 1;
      for (int i = 0; i < words.size(); i++) {
        double factor =
            switch (words.get(i)) {
              case "ns" -> 1e-9;
              case "us" -> 1e-6;
              case "ms" -> 1e-3;
              default -> 0;
            };
        if (factor != 0) {
          words.set(i, "seconds");
          scale = factor;
        }
      }
      if (!counter && words.size() > 1 && words.get(words.size() - 1).equals("count")) {
        words.remove(words.size() - 1);
        words.set(words.size() - 1, words.get(words.size() - 1) + "s");
      }
      String family = "kafka_" + group + "_" + String.join("_", words);
      return new Named(
          PrometheusNaming.sanitizeMetricName(MetricLabels.underscored(family)), scale);
    }
  }

  private static Labels labels(Map<String, String> tags) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    new TreeMap<>(tags)
        .forEach(
            (k, v) -> {
              names.add(MetricLabels.underscored(k));
              values.add(v == null ? "" : v);
            });
    return Labels.of(names, values);
  }

  /** The data points of one metric name across clients. */
  private static final class Family {
    private final MetricMetadata metadata;
    private final boolean counter;
    private final boolean info;
    private final Map<Labels, Object> points = new TreeMap<>();

    Family(String name, String help, boolean counter, boolean info) {
      this.metadata = new MetricMetadata(name, help == null || help.isBlank() ? name : help);
      this.counter = counter;
      this.info = info;
    }

    void add(Labels labels, double value, String text) {
      // two metrics that differ only in tags Prometheus cannot tell apart: the first one wins
      points.putIfAbsent(
          info ? labels.add("value", text) : labels, info ? (Object) text : (Object) value);
    }

    MetricSnapshot snapshot() {
      if (info) {
        List<InfoSnapshot.InfoDataPointSnapshot> data = new ArrayList<>();
        points.keySet().forEach(l -> data.add(new InfoSnapshot.InfoDataPointSnapshot(l)));
        return new InfoSnapshot(metadata, data);
      }
      if (counter) {
        List<CounterSnapshot.CounterDataPointSnapshot> data = new ArrayList<>();
        points.forEach(
            (l, v) ->
                data.add(
                    new CounterSnapshot.CounterDataPointSnapshot(
                        Math.max(0, (Double) v), l, null, 0)));
        return new CounterSnapshot(metadata, data);
      }
      List<GaugeSnapshot.GaugeDataPointSnapshot> data = new ArrayList<>();
      points.forEach(
          (l, v) -> data.add(new GaugeSnapshot.GaugeDataPointSnapshot((Double) v, l, null)));
      return new GaugeSnapshot(metadata, data);
    }
  }
}
