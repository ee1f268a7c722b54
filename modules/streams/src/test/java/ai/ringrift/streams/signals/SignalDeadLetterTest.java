package ai.ringrift.streams.signals;

import static ai.ringrift.streams.TestEvents.selfplay;
import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.events.TrainingSignal;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.common.DeadLetterHeaders;
import ai.ringrift.streams.common.DeadLetterRoutes;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A record the signal computer cannot decode goes to its topic's DLQ and processing goes on.
 *
 * <p>TopologyTestDriver drops the dead letters of a skipped record under exactly-once (its mock
 * producer never commits them), so these tests run at-least-once; the integration test checks the
 * same path under exactly-once on a real broker.
 */
class SignalDeadLetterTest {
  static final String TOPIC = "ringrift.selfplay.batch-completed";

  static Driver driver() {
    return new Driver(
        SignalComputerApp.buildTopology(Driver.appConfig(SignalComputerTest.RULES)),
        DeadLetterRoutes.of(Driver.CATALOG, Driver.topics(SignalComputerApp.INPUTS)),
        java.util.Map.of("processing.guarantee", "at_least_once"));
  }

  @Test
  void undecodableRecordGoesToTheDlqWithTheErrorInItsHeaders() {
    try (Driver driver = driver()) {
      byte[] key = "square8_2p".getBytes(StandardCharsets.UTF_8);
      byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
      driver.sendRaw(TOPIC, key, garbage);
      driver.send(selfplay("square8_2p", 60, driver.now()));

      TestRecord<byte[], byte[]> dead = driver.rawOutput(TOPIC + ".dlq").readRecord();
      assertThat(dead.value()).isEqualTo(garbage);
      assertThat(dead.key()).isEqualTo(key);
      Headers headers = dead.headers();
      assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
      assertThat(text(headers, DeadLetterHeaders.FAILED_IN)).isEqualTo("deserialization");
      assertThat(text(headers, DeadLetterHeaders.EXCEPTION_CLASS))
          .isEqualTo("ai.ringrift.client.serde.EventDecodingException");
      assertThat(text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE))
          .contains("SelfplayBatchCompleted");
      assertThat(driver.drain(TrainingSignal.class)).hasSize(1);
    }
  }

  @Test
  void aKeyThatIsNotAConfigGoesToTheDlqToo() {
    try (Driver driver = driver()) {
      var event = selfplay("square8_2p", 60, driver.now());
      byte[] value =
          Driver.SERDES
              .value(ai.ringrift.events.SelfplayBatchCompleted.class)
              .serializer()
              .serialize(TOPIC, event);
      driver.sendRaw(TOPIC, "gpu-node-3".getBytes(StandardCharsets.UTF_8), value);

      Headers headers = driver.rawOutput(TOPIC + ".dlq").readRecord().headers();
      assertThat(text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE))
          .contains("key 'gpu-node-3' is not a config key");
      assertThat(driver.drain(TrainingSignal.class)).isEmpty();
    }
  }

  static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
