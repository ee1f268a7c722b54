package ai.ringrift.streams.signals;

import static ai.ringrift.streams.TestEvents.selfplay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.client.serde.EventDecodingException;
import ai.ringrift.client.serde.WireFormatMismatchException;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.events.SelfplayBatchCompleted;
import ai.ringrift.events.TrainingSignal;
import ai.ringrift.streams.Driver;
import ai.ringrift.streams.common.DeadLetterRoutes;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * A record the signal computer cannot decode goes to its topic's DLQ and processing goes on; a
 * record of the other wire format stops the app instead (a setting to fix, not bad data).
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
          .isEqualTo(EventDecodingException.class.getName());
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
          Driver.SERDES.value(SelfplayBatchCompleted.class).serializer().serialize(TOPIC, event);
      driver.sendRaw(TOPIC, "gpu-node-3".getBytes(StandardCharsets.UTF_8), value);

      Headers headers = driver.rawOutput(TOPIC + ".dlq").readRecord().headers();
      assertThat(text(headers, DeadLetterHeaders.EXCEPTION_MESSAGE))
          .contains("key 'gpu-node-3' is not a config key");
      assertThat(driver.drain(TrainingSignal.class)).isEmpty();
    }
  }

  @Test
  void aRecordOfTheOtherWireFormatStopsTheAppAndIsNotDeadLettered() {
    try (Driver driver = driver()) {
      byte[] plain =
          Driver.SERDES
              .value(SelfplayBatchCompleted.class)
              .serializer()
              .serialize(TOPIC, selfplay("square8_2p", 60, driver.now()));
      byte[] framed = new byte[plain.length + 5]; // byte 0, schema id 7, the datum
      framed[4] = 7;
      System.arraycopy(plain, 0, framed, 5, plain.length);

      assertThatThrownBy(
              () -> driver.sendRaw(TOPIC, "square8_2p".getBytes(StandardCharsets.UTF_8), framed))
          .isInstanceOf(StreamsException.class)
          .hasRootCauseInstanceOf(WireFormatMismatchException.class)
          .rootCause()
          .hasMessageContaining("set wire.format (config/client.yaml, or RINGRIFT_WIRE_FORMAT)");
      assertThat(driver.rawOutput(TOPIC + ".dlq").isEmpty()).isTrue();
      assertThat(driver.drain(TrainingSignal.class)).isEmpty();
    }
  }

  static String text(Headers headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
