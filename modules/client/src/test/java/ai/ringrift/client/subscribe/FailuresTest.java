package ai.ringrift.client.subscribe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.serde.EventDecodingException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {
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
        Arguments.of(new CompletionException(new IOException("x")), Failures.Kind.RETRIABLE));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void classifiesFailures(Throwable failure, Failures.Kind expected) {
    assertThat(Failures.classify(failure)).isEqualTo(expected);
  }
}
