package ai.ringrift.admin.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes the screenshots of {@code docs/dashboard.md} from a running dashboard, in the same headless
 * Chromium as the browser tests. Run {@code scripts/ringrift up} for a few minutes, then:
 *
 * <pre>{@code
 * mvn -q -pl modules/admin -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dspotless.check.skip=true
 * java -cp modules/admin/target/test-classes:modules/admin/target/classes:$(cat /tmp/cp.txt) \
 *     ai.ringrift.admin.dashboard.DashboardScreenshots http://localhost:8080/dashboard/ docs/images
 * }</pre>
 */
public final class DashboardScreenshots {
  private DashboardScreenshots() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://localhost:8080/dashboard/";
    Path out = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "docs/images"));
    Path profile = Files.createTempDirectory("ringrift-screenshots");
    try (Browser browser = Browser.open(profile)) {
      var driver = browser.driver();
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
      wait.ignoring(org.openqa.selenium.ScriptTimeoutException.class);
      driver.get(url);
      wait.until(
          d ->
              Boolean.TRUE.equals(
                  browser.js(
                      "const o = window.ringrift.state.sections.overview;"
                          + "return !!o && o.feed.caughtUp"
                          + " && Object.keys(window.ringrift.charts).length > 0;")));
      rendered(browser);
      save(
          driver.findElement(By.cssSelector("#strength .card")).getScreenshotAs(OutputType.BYTES),
          out,
          "strength");

      scrollTo(browser, "breakers");
      rendered(browser);
      save(driver.getScreenshotAs(OutputType.BYTES), out, "operations");

      scrollTo(browser, "kafka");
      rendered(browser);
      save(driver.getScreenshotAs(OutputType.BYTES), out, "kafka");

      String trace =
          (String)
              browser.js(
                  "const t = window.ringrift.state.tail.filter(e => e.type === 'TrainingCompleted');"
                      + "return t.length ? t[t.length - 1].traceId : null;");
      if (trace != null) {
        browser.js(
            "const i = document.getElementById('filter-trace'); i.value = arguments[0];"
                + "i.dispatchEvent(new Event('change'));",
            trace);
        wait.until(d -> d.findElements(By.cssSelector("#tail-table tr[data-type]")).size() > 1);
      }
      scrollTo(browser, "events");
      rendered(browser);
      save(driver.getScreenshotAs(OutputType.BYTES), out, "events");

      String model =
          (String)
              browser.js(
                  "const c = Object.values(window.ringrift.state.sections.strength.configs)"
                      + ".find(c => c.evidence); return c ? c.evidence.model : null;");
      if (model != null) {
        browser.js(
            "const i = document.getElementById('lineage-model'); i.value = arguments[0];"
                + "document.getElementById('lineage-form').requestSubmit();",
            model);
        wait.until(d -> d.findElements(By.cssSelector("#lineage-result table")).size() > 0);
        scrollTo(browser, "lineage");
        rendered(browser);
        save(
            driver.findElement(By.id("lineage")).getScreenshotAs(OutputType.BYTES), out, "lineage");
      }
    }
  }

  private static void save(byte[] png, Path dir, String name) throws Exception {
    Path file = dir.resolve("dashboard-" + name + ".png");
    Files.write(file, png);
    System.out.println(file + ": " + png.length / 1024 + " KB");
  }

  /** Scrolls section {@code id} to the top of the window, below the page's sticky header. */
  private static void scrollTo(Browser browser, String id) {
    browser.js(
        "const s = document.getElementById(arguments[0]);"
            + "const h = document.querySelector('header');"
            + "window.scrollTo(0, window.scrollY + s.getBoundingClientRect().top"
            + " - (h ? h.offsetHeight : 0) - 8);",
        id);
  }

  /** Returns once the page drew two frames since the call: what it just got is on screen. */
  private static void rendered(Browser browser) {
    ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "requestAnimationFrame(() => requestAnimationFrame(() => done()));");
  }
}
