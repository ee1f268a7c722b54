package ai.ringrift.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The page's files, all from the classpath (nothing is fetched from elsewhere by the browser): the
 * page itself, its script and style, and uPlot's from its WebJar.
 */
final class Assets {
  private static final String OWN = "ai/ringrift/dashboard/static/";
  private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

  private final Map<String, String> files;

  private Assets(Map<String, String> files) {
    this.files = files;
  }

  /** The files, uPlot's at the version its WebJar on the classpath has. */
  static Assets load() {
    String uplot = "META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
    return new Assets(
        Map.of(
            "index.html", OWN + "index.html",
            "dashboard.js", OWN + "dashboard.js",
            "dashboard.css", OWN + "dashboard.css",
            "uPlot.iife.min.js", uplot + "uPlot.iife.min.js",
            "uPlot.min.css", uplot + "uPlot.min.css"));
  }

  /** The bytes and content type of {@code name}, if it is one of the page's files. */
  Optional<Asset> get(String name) {
    String path = files.get(name);
    if (path == null) {
      return Optional.empty();
    }
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return Optional.of(new Asset(in.readAllBytes(), contentType(name)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }

  private static String uplotVersion() {
    try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(UPLOT_POM)) {
      if (in == null) {
        throw new IllegalStateException(
            "uPlot's WebJar (org.webjars.npm:uplot) is missing from the classpath");
      }
      Properties pom = new Properties();
      pom.load(in);
      return pom.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
    }
  }

  /**
   * A file of the page.
   *
   * @param bytes its content
   * @param contentType its media type
   */
  record Asset(byte[] bytes, String contentType) {}
}
