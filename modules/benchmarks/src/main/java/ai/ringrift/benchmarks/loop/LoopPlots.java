package ai.ringrift.benchmarks.loop;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmark's plots: throughput and p99 against hosts (one line per config count), memory. */
final class LoopPlots {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 560;

  private LoopPlots() {}

  static void throughput(List<CellResult> cells, KafkaCeiling ceiling, Path file)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int configs : configCounts(cells)) {
      data.addSeries(
          series(
              cells,
              configs,
              "all events/s, " + configs + " configs",
              CellResult::allEventsPerSecond));
      data.addSeries(
          series(
              cells,
              configs,
              "batches synced/s, " + configs + " configs",
              LoopReport::syncedPerSecond));
    }
    data.addSeries(
        flat(
            cells,
            "Kafka ProducerPerformance alone (same record size)",
            ceiling.stickyPerSecond()));
    data.addSeries(flat(cells, "50 % of it (the goal)", ceiling.stickyPerSecond() / 2));
    save(
        chart("Loop throughput against simulated selfplay hosts", "events per second (log)", data),
        file);
  }

  static void latency(List<CellResult> cells, KafkaCeiling ceiling, Path file) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (int configs : configCounts(cells)) {
      data.addSeries(
          series(cells, configs, "worst hop p99, " + configs + " configs", LoopReport::worstP99));
      data.addSeries(
          series(
              cells,
              configs,
              "batch -> sync p99, " + configs + " configs",
              c -> c.hops().get(Hop.BATCH_TO_SYNC).p99()));
    }
    data.addSeries(flat(cells, "goal: 50 ms", 50));
    data.addSeries(
        flat(cells, "Kafka EndToEndLatency p99 alone", Math.max(0.5, ceiling.e2eP99Ms())));
    save(
        chart(
            "Per-hop p99 latency against simulated selfplay hosts", "p99 latency, ms (log)", data),
        file);
  }

  static void memory(CellResult cell, Path file) throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    XYSeries rss = new XYSeries("resident set (RSS), MiB");
    XYSeries old = new XYSeries("old generation after GC, MiB");
    XYSeries heap = new XYSeries("heap in use, MiB");
    double t0 = cell.memory().isEmpty() ? 0 : cell.memory().get(0).seconds();
    for (MemoryProbe.Sample s : cell.memory()) {
      double minutes = (s.seconds() - t0) / 60;
      rss.add(minutes, s.rssMb());
      old.add(minutes, s.oldAfterGcMb());
      heap.add(minutes, s.heapMb());
    }
    data.addSeries(rss);
    data.addSeries(heap);
    data.addSeries(old);
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            String.format(
                Locale.ROOT,
                "Memory over the run, %d hosts x %d configs",
                cell.hosts(),
                cell.configs()),
            "minutes",
            "MiB",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    style(chart.getXYPlot(), false);
    save(chart, file);
  }

  private static JFreeChart chart(String title, String yLabel, XYSeriesCollection data) {
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "simulated selfplay hosts (log)",
            yLabel,
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setDomainAxis(
        logAxis(
            "simulated selfplay hosts (log)",
            data.getDomainLowerBound(false),
            data.getDomainUpperBound(false)));
    plot.setRangeAxis(
        logAxis(yLabel, data.getRangeLowerBound(false), data.getRangeUpperBound(false)));
    style(plot, true);
    return chart;
  }

  /** A base-10 axis from below {@code low} to above {@code high}, labelled with plain numbers. */
  private static LogAxis logAxis(String label, double low, double high) {
    LogAxis axis = new LogAxis(label);
    axis.setBase(10);
    axis.setTickUnit(new NumberTickUnit(1.0)); // one tick per power of ten
    axis.setNumberFormatOverride(
        new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT)));
    double lo = Math.pow(10, Math.floor(Math.log10(Math.max(1e-3, low))));
    double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(lo * 10, high))));
    axis.setRange(lo, hi == lo ? lo * 10 : hi);
    return axis;
  }

  private static void style(XYPlot plot, boolean shapes) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, shapes);
    for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
      renderer.setSeriesStroke(i, new BasicStroke(2f));
    }
    plot.setRenderer(renderer);
  }

  private static XYSeries series(
      List<CellResult> cells, int configs, String name, ToDoubleFunction<CellResult> y) {
    XYSeries series = new XYSeries(name);
    for (CellResult c : cells) {
      double value = y.applyAsDouble(c);
      if (c.configs() == configs && value > 0) {
        series.add(c.hosts(), value);
      }
    }
    return series;
  }

  private static XYSeries flat(List<CellResult> cells, String name, double value) {
    XYSeries series = new XYSeries(name);
    cells.stream().mapToInt(CellResult::hosts).distinct().forEach(h -> series.add(h, value));
    return series;
  }

  private static List<Integer> configCounts(List<CellResult> cells) {
    return cells.stream().map(CellResult::configs).distinct().sorted().toList();
  }

  private static void save(JFreeChart chart, Path file) throws IOException {
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }
}
