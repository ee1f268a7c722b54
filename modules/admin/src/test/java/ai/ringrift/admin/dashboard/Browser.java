package ai.ringrift.admin.dashboard;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named by path so that
 * Selenium Manager never runs (it would download a driver). Missing, they skip the browser tests
 * with a message saying what to install, unless {@value #REQUIRE}=1 (CI sets it): then they fail.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String REQUIRE = "RINGRIFT_REQUIRE_BROWSER";

  /** The switches Chromium runs with: headless, and nothing that reaches out to the network. */
  static final List<String> SWITCHES =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Skips (or, with {@value #REQUIRE}=1, fails) the calling test when the browser is missing. */
  static void requireInstalled() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String missing =
        "the browser tests need Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): apt-get install --no-install-recommends chromium chromium-driver";
    if ("1".equals(System.getenv(REQUIRE))) {
      throw new AssertionError(missing + " (" + REQUIRE + "=1 requires them)");
    }
    Assumptions.abort(missing + "; skipped (" + REQUIRE + "=1 makes this a failure)");
  }

  /** A fresh browser with its own profile in {@code profile}, its window 1400 x 1000. */
  static Browser open(Path profile) {
    requireInstalled();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(SWITCHES);
    options.addArguments("--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1400, 1000));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(driver);
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Runs {@code script} in the page and returns what it returns. */
  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
