package ai.ringrift.client.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.config.ConfigSource;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

class SecurityErrorsTest {
  static final SecurityErrors ERRORS =
      new SecurityErrors(SecurityConfig.load(ConfigSource.directory(Path.of("../../config"))));
  static final KafkaSettings TRAINER = KafkaSettings.of("k:9092").withSasl("trainer", "pw");

  @Test
  void aRefusedReadNamesTheRolesThatMayReadTheTopic() {
    var refused =
        new ExecutionException(
            new TopicAuthorizationException(Set.of("ringrift.evaluation.completed")));

    assertThat(ERRORS.explain(refused, TRAINER, SecurityErrors.Access.READ))
        .hasValueSatisfying(
            e -> {
              assertThat(e.principal()).isEqualTo("User:trainer");
              assertThat(e.getMessage())
                  .isEqualTo(
                      "User:trainer may not read ringrift.evaluation.completed (roles that may:"
                          + " stages, streams, admin): run as one of those roles, or add the topic"
                          + " to security.roles.trainer.read in config/security.yaml and run"
                          + " `ringrift acls apply`");
              assertThat(e.getCause()).isSameAs(refused);
            });
  }

  @Test
  void aRefusedTransactionalIdNamesTheRolesPrefixes() {
    var refused =
        new TransactionalIdAuthorizationException("Transactional Id authorization failed.");

    assertThat(ERRORS.explain(refused, TRAINER, SecurityErrors.Access.WRITE))
        .hasValueSatisfying(
            e ->
                assertThat(e.getMessage())
                    .startsWith("User:trainer may not use its transactional id (")
                    .contains("role trainer may use none: add it to security.roles.trainer"));
  }

  @Test
  void otherFailuresAndAnonymousClientsAreLeftAlone() {
    assertThat(
            ERRORS.explain(
                new TimeoutException("no metadata"), TRAINER, SecurityErrors.Access.WRITE))
        .isEmpty();
    assertThat(
            ERRORS.explain(
                new TopicAuthorizationException(Set.of("x")),
                KafkaSettings.of("k:9092"),
                SecurityErrors.Access.WRITE))
        .hasValueSatisfying(e -> assertThat(e.principal()).isEqualTo("User:ANONYMOUS"));
  }
}
