package ai.ringrift.client.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.serde.EventDecodingException;
import ai.ringrift.client.serde.WireFormat;
import ai.ringrift.client.serde.WireFormatMismatchException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {
  static final WireFormatMismatchException MISMATCH =
      WireFormatMismatchException.reading("t", WireFormat.PLAIN, WireFormat.REGISTRY);

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(new EventDecodingException("t", "garbage"), Failures.Kind.POISON),
        Arguments.of(new SerializationException("bad bytes"), Failures.Kind.POISON),
        Arguments.of(new NonRetriableException("no such model"), Failures.Kind.POISON),
        Arguments.of(
            new CompletionException(new NonRetriableException("wrapped")), Failures.Kind.POISON),
        Arguments.of(
            new ExecutionException(new EventDecodingException("t", "wrapped")),
            Failures.Kind.POISON),
        Arguments.of(new IOException("disk full"), Failures.Kind.RETRIABLE),
        Arguments.of(new TimeoutException("slow host"), Failures.Kind.RETRIABLE),
        Arguments.of(new IllegalStateException("busy"), Failures.Kind.RETRIABLE),
        Arguments.of(new CompletionException(new IOException("x")), Failures.Kind.RETRIABLE),
        Arguments.of(MISMATCH, Failures.Kind.MISCONFIGURED),
        Arguments.of(
            new EventDecodingException("t", "wrapped by the subscription", MISMATCH),
            Failures.Kind.MISCONFIGURED),
        Arguments.of(new CompletionException(MISMATCH), Failures.Kind.MISCONFIGURED),
        Arguments.of(
            new RecordDeserializationException(
                RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                new TopicPartition("t", 0),
                7,
                0,
                TimestampType.CREATE_TIME,
                null,
                null,
                new RecordHeaders(),
                "wrapped by a consumer",
                MISMATCH),
            Failures.Kind.MISCONFIGURED));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void classifiesFailures(Throwable failure, Failures.Kind expected) {
    assertThat(Failures.classify(failure)).isEqualTo(expected);
  }
}
