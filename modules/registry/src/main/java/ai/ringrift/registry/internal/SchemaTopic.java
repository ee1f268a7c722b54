package ai.ringrift.registry.internal;

import ai.ringrift.registry.settings.RegistrySettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the schemas topic when it is missing (brokers do not auto-create topics here) and refuses
 * one that would lose schemas: it must have one partition, so that its order is the one order every
 * instance agrees on, and be compacted, so that nothing expires.
 */
final class SchemaTopic {
  private static final Logger LOGGER = LoggerFactory.getLogger(SchemaTopic.class);

  private SchemaTopic() {}

  static void ensure(Admin admin, RegistrySettings settings) {
    String topic = settings.topic();
    long timeout = settings.timeout().toMillis();
    try {
      try {
        admin
            .createTopics(
                List.of(
                    new NewTopic(topic, 1, settings.replicationFactor())
                        .configs(
                            Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT))))
            .all()
            .get(timeout, TimeUnit.MILLISECONDS);
        LOGGER.info(
            "created schema topic topic={} replication={}", topic, settings.replicationFactor());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeader(admin, topic, timeout);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(
          "cannot create or describe the schema topic " + topic + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + topic, e);
    }
  }

  private static void awaitLeader(Admin admin, String topic, long timeoutMs)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      TopicDescription description = describe(admin, topic, timeoutMs);
      if (description == null) {
        // just created: the broker's metadata does not list it yet
      } else if (description.partitions().size() != 1) {
        throw new IllegalStateException(
            "schema topic "
                + topic
                + " has "
                + description.partitions().size()
                + " partitions; it must have exactly 1 so that every registry sees one order");
      } else if (description.partitions().get(0).leader() != null) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("schema topic " + topic + " has no leader");
      }
      Thread.sleep(50); // production code waiting on a broker, not a test
    }
  }

  private static TopicDescription describe(Admin admin, String topic, long timeoutMs)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(timeoutMs, TimeUnit.MILLISECONDS)
          .get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        return null;
      }
      throw e;
    }
  }
}
