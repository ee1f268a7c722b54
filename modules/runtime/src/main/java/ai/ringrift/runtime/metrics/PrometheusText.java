package ai.ringrift.runtime.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Renders a Dropwizard registry in Prometheus' text exposition format (version 0.0.4). A dotted
 * name becomes an underscored one ({@code ringrift.publisher.published} → {@code
 * ringrift_publisher_published}); counters and meters end in {@code _total}; timers are summaries
 * in seconds; histograms are summaries. A summary's {@code _sum} is estimated from the reservoir's
 * mean (Dropwizard keeps no exact sum).
 */
public final class PrometheusText {
  /** The content type Prometheus expects. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Pattern INVALID = Pattern.compile("[^a-zA-Z0-9_:]");
  private static final double[] QUANTILES = {0.5, 0.75, 0.95, 0.99};

  private PrometheusText() {}

  /** The registry's current values. */
  public static String render(MetricRegistry registry) {
    StringBuilder out = new StringBuilder(4096);
    registry.getGauges().forEach((name, gauge) -> gauge(out, name, gauge));
    registry.getCounters().forEach((name, counter) -> counter(out, name, counter));
    registry.getMeters().forEach((name, meter) -> meter(out, name, meter));
    registry.getHistograms().forEach((name, histogram) -> histogram(out, name, histogram));
    registry.getTimers().forEach((name, timer) -> timer(out, name, timer));
    return out.toString();
  }

  /** The Prometheus name of a dotted Dropwizard name. */
  public static String name(String dotted) {
    String name = INVALID.matcher(dotted.replace('.', '_').replace('-', '_')).replaceAll("_");
    return Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  private static void gauge(StringBuilder out, String dotted, Gauge<?> gauge) {
    Object value = gauge.getValue();
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof Boolean b) {
      number = b ? 1 : 0;
    } else {
      return; // not a number: nothing Prometheus can plot
    }
    String name = name(dotted);
    header(out, name, "gauge", dotted);
    sample(out, name, "", number);
  }

  private static void counter(StringBuilder out, String dotted, Counter counter) {
    String name = name(dotted) + "_total";
    header(out, name, "counter", dotted);
    sample(out, name, "", counter.getCount());
  }

  private static void meter(StringBuilder out, String dotted, Meter meter) {
    String name = name(dotted) + "_total";
    header(out, name, "counter", dotted);
    sample(out, name, "", meter.getCount());
    String rate = name(dotted) + "_rate_1m";
    header(out, rate, "gauge", dotted + " (events per second, 1-minute moving average)");
    sample(out, rate, "", meter.getOneMinuteRate());
  }

  private static void histogram(StringBuilder out, String dotted, Histogram histogram) {
    summary(out, name(dotted), dotted, histogram.getSnapshot(), histogram.getCount(), 1.0);
  }

  private static void timer(StringBuilder out, String dotted, Timer timer) {
    double nanosToSeconds = 1.0 / TimeUnit.SECONDS.toNanos(1);
    summary(
        out,
        name(dotted) + "_seconds",
        dotted,
        timer.getSnapshot(),
        timer.getCount(),
        nanosToSeconds);
  }

  private static void summary(
      StringBuilder out, String name, String dotted, Snapshot snapshot, long count, double scale) {
    header(out, name, "summary", dotted);
    for (double q : QUANTILES) {
      sample(out, name, "{quantile=\"" + q + "\"}", snapshot.getValue(q) * scale);
    }
    sample(out, name + "_count", "", count);
    sample(out, name + "_sum", "", snapshot.getMean() * count * scale);
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help.replace('\n', ' ')).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append(labels).append(' ').append(format(value)).append('\n');
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, "%s", value);
  }
}
