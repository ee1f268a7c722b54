package ai.ringrift.admin.events;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr, redrawn in place ({@code \r}) at most ten times a second:
 * {@code [#########-----------] 45% 4,500/10,000 records}.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final long total;
  private final String unit;
  private long done;
  private long drawnAt;

  ProgressBar(PrintWriter err, long total, String unit) {
    this.err = err;
    this.total = total;
    this.unit = unit;
  }

  /** One more unit done. */
  void step() {
    done++;
    long now = System.nanoTime();
    if (now - drawnAt >= REDRAW_NANOS) {
      drawnAt = now;
      draw();
    }
  }

  /** The final state, and the line ended. */
  void done() {
    draw();
    err.println();
    err.flush();
  }

  private void draw() {
    double share = total == 0 ? 1 : Math.min(1, (double) done / total);
    int filled = (int) Math.round(share * WIDTH);
    err.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %3d%%  %,d/%,d %s",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            Math.round(share * 100),
            done,
            total,
            unit));
    err.flush();
  }
}
