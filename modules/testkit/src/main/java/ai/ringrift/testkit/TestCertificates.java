package ai.ringrift.testkit;

import ai.ringrift.http.KeyStoreFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A CA and per-service keys made by the project's own {@code scripts/make-certs} (so tests use what
 * the cluster uses, and test the script): {@link #make} runs it into a directory.
 *
 * @param dir where the files are
 * @param password the password of every store in {@code dir}
 */
public record TestCertificates(Path dir, String password) {
  /** Runs {@code scripts/make-certs dir names...}; fails with the script's output when it fails. */
  public static TestCertificates make(Path dir, String... names) {
    List<String> command = new ArrayList<>(List.of(script().toString(), dir.toString()));
    command.addAll(List.of(names));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("scripts/make-certs failed: " + output);
      }
      return new TestCertificates(
          dir, Files.readString(dir.resolve("store-password"), StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run scripts/make-certs: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The key store of service {@code name} (its key and certificate chain). */
  public KeyStoreFile keyStore(String name) {
    return new KeyStoreFile(dir.resolve(name + ".p12"), password, "PKCS12");
  }

  /** The trust store holding the CA certificate. */
  public KeyStoreFile trustStore() {
    return new KeyStoreFile(dir.resolve("truststore.p12"), password, "PKCS12");
  }

  /** The script, found from the working directory (a module) up to the checkout's root. */
  static Path script() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("scripts/make-certs");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "scripts/make-certs not found above " + Path.of("").toAbsolutePath());
  }
}
