package ai.ringrift.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs {@code scripts/ringrift} as a user does, in a process of its own, with RINGRIFT_NO_BUILD=1:
 * the Maven build running the test has just packaged the admin module.
 */
public final class Launcher {
  /** The checkout's root. */
  public static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  private Launcher() {}

  /** What one command printed and returned. */
  public record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** Runs {@code scripts/ringrift <args>} to its end. */
  public static Run run(String... args) throws IOException, InterruptedException {
    Process process = builder(args).start();
    process.getOutputStream().close();
    CompletableFuture<String> out = readAsync(process.getInputStream());
    CompletableFuture<String> err = readAsync(process.getErrorStream());
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("ringrift " + String.join(" ", args) + " did not end in 180 s");
    }
    return new Run(process.exitValue(), out.join(), err.join());
  }

  /** Starts {@code scripts/ringrift up <args>} and waits until it is ready. */
  public static Up up(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("up"));
    all.addAll(List.of(args));
    return new Up(builder(all.toArray(String[]::new)).start());
  }

  private static ProcessBuilder builder(String... args) {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/ringrift").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().put("RINGRIFT_NO_BUILD", "1");
    return builder;
  }

  private static CompletableFuture<String> readAsync(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** A running {@code ringrift up} and every line it printed, stdout and stderr apart. */
  public static final class Up implements AutoCloseable {
    static final String READY = "ready: bootstrap servers ";
    static final String REGISTRY = "schema registry up at ";

    private final Process process;
    public final List<String> out = new CopyOnWriteArrayList<>();
    public final List<String> err = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<Thread> readers = new ArrayList<>();
    public final String bootstrap;
    public final String registryUrl;
    public final String statusUrl;

    private Up(Process process) throws InterruptedException {
      this.process = process;
      readers.add(reader(process.getInputStream(), out, true));
      readers.add(reader(process.getErrorStream(), err, false));
      String ready = await(l -> l.startsWith(READY), Duration.ofSeconds(300));
      String[] words = ready.substring(READY.length()).split(" ");
      this.bootstrap = words[0];
      this.statusUrl = words[4].replaceAll("/status[;,]?$", "");
      String registry = out.stream().filter(l -> l.startsWith(REGISTRY)).findFirst().orElseThrow();
      this.registryUrl = registry.substring(REGISTRY.length()).split(",")[0];
    }

    private Thread reader(InputStream in, List<String> into, boolean queue) {
      Thread t =
          new Thread(
              () -> {
                try (var lines =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  for (String line; (line = lines.readLine()) != null; ) {
                    into.add(line);
                    if (queue) {
                      this.lines.add(line);
                    }
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
      t.setDaemon(true);
      t.start();
      return t;
    }

    /** The first line (from now on) of stdout that matches, within {@code within}. */
    public String await(Predicate<String> wanted, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline && (process.isAlive() || !lines.isEmpty())) {
        String line = lines.poll(1, TimeUnit.SECONDS);
        if (line != null && wanted.test(line)) {
          return line;
        }
      }
      process.destroyForcibly();
      throw new AssertionError(
          "ringrift up did not print the line within "
              + within
              + "; out:\n"
              + String.join("\n", out)
              + "\nerr:\n"
              + String.join("\n", err));
    }

    /** SIGTERM, as Ctrl-C; returns the exit code once it stopped. */
    public int stop() throws InterruptedException {
      process.toHandle().destroy();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("ringrift up did not stop within 120 s of SIGTERM");
      }
      for (Thread t : readers) {
        t.join(10_000);
      }
      return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
      if (process.isAlive()) {
        stop();
      }
    }
  }
}
