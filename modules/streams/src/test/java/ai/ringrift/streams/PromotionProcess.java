package ai.ringrift.streams;

import ai.ringrift.runtime.ServiceMain;
import ai.ringrift.streams.promotion.PromotionControllerApp;
import ai.ringrift.testkit.ChildJvm;
import ai.ringrift.testkit.KafkaCluster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The promotion controller started by the real {@code main} in a child JVM, so a test can kill it
 * with SIGKILL: no shutdown hook, no commit, an open transaction left behind.
 */
final class PromotionProcess implements AutoCloseable {
  private final Process process;

  private PromotionProcess(Process process) {
    this.process = process;
  }

  static PromotionProcess start(KafkaCluster cluster, Path stateDir, Path log) {
    // as scripts/ringrift-service promotion-controller starts it
    ProcessBuilder builder =
        ChildJvm.command(List.of("-Xmx256m"), ServiceMain.class, PromotionControllerApp.NAME);
    builder.environment().put("RINGRIFT_BOOTSTRAP_SERVERS", cluster.bootstrapServers());
    builder.environment().put("RINGRIFT_CONFIG_DIR", new File("../../config").getAbsolutePath());
    builder.environment().put("RINGRIFT_HTTP_PORT", "0");
    // the tests write plain Avro (Driver.SERDES), and a reader must use the writers' format
    builder.environment().put("RINGRIFT_WIRE_FORMAT", "plain");
    builder.environment().put("RINGRIFT_STREAMS_STATE_DIR", stateDir.toString());
    // a killed member and its open transaction must not hold the test up for long
    builder.environment().put("RINGRIFT_KAFKA_SESSION_TIMEOUT_MS", "6000");
    builder.environment().put("RINGRIFT_KAFKA_TRANSACTION_TIMEOUT_MS", "5000");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new PromotionProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the promotion controller", e);
    }
  }

  /** SIGKILL, and wait until it is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the killed controller did not exit");
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
