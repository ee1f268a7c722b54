package ai.ringrift.client.subscribe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetrySettingsTest {
  @Test
  void backoffDoublesFromTheInitialWaitUpToTheCap() {
    RetrySettings retry = new RetrySettings(6, 200, 2.0, 1000);

    assertThat(retry.backoffAfter(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(retry.backoffAfter(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(retry.backoffAfter(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(retry.backoffAfter(4)).isEqualTo(Duration.ofMillis(1000));
    assertThat(retry.backoffAfter(30)).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void allowsAttemptsUpToTheMaximumIncludingTheFirst() {
    RetrySettings retry = new RetrySettings(4, 10, 2.0, 100);

    assertThat(retry.allowsAnotherAttempt(3)).isTrue();
    assertThat(retry.allowsAnotherAttempt(4)).isFalse();
  }

  @Test
  void rejectsACapBelowTheInitialWaitNamingTheKey() {
    assertThatThrownBy(() -> new RetrySettings(3, 500, 2.0, 100))
        .isInstanceOf(ConfigException.class)
        .hasMessage("maxBackoffMs: must be at least 500, was 100");
  }
}
