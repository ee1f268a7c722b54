package ai.ringrift.events.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a cluster with the catalog: creates missing topics, reports drift, never deletes or
 * alters. Applying twice changes nothing the second time.
 */
public final class TopicAdmin {
  private static final Logger LOGGER = LoggerFactory.getLogger(TopicAdmin.class);

  private final Admin admin;
  private final Duration timeout;

  /**
   * @param admin an admin client; not closed by this class
   * @param timeout bound on each round trip and on waiting for partition leaders
   */
  public TopicAdmin(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  /** What {@link #apply} would do, without changing anything. */
  public ApplyResult plan(TopicCatalog catalog) {
    Set<String> existing = call(admin.listTopics().names());
    List<String> missing = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (TopicSpec topic : catalog.topics()) {
      (existing.contains(topic.name()) ? present : missing).add(topic.name());
    }
    List<TopicDrift> drift = present.isEmpty() ? List.of() : drift(catalog, present);
    Set<String> drifted = drift.stream().map(TopicDrift::topic).collect(Collectors.toSet());
    List<String> unchanged = present.stream().filter(t -> !drifted.contains(t)).toList();
    return new ApplyResult(missing, unchanged, drift);
  }

  /**
   * Creates the missing topics, waits until each of their partitions has a leader, reports drift.
   */
  public ApplyResult apply(TopicCatalog catalog) {
    ApplyResult plan = plan(catalog);
    List<NewTopic> toCreate =
        plan.created().stream().map(catalog::topic).map(TopicAdmin::newTopic).toList();
    List<String> created = new ArrayList<>();
    if (!toCreate.isEmpty()) {
      admin
          .createTopics(toCreate)
          .values()
          .forEach(
              (name, future) -> {
                try {
                  future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                  created.add(name);
                } catch (ExecutionException e) {
                  if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new KafkaException(
                        "could not create topic " + name + ": " + e.getCause().getMessage(),
                        e.getCause());
                  }
                  LOGGER.info("topic={} was created concurrently by someone else", name);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new KafkaException("interrupted while creating " + name, e);
                } catch (TimeoutException e) {
                  throw new KafkaException("creating " + name + " took longer than " + timeout, e);
                }
              });
      awaitLeaders(plan.created());
      LOGGER.info("created {} topics", created.size());
    }
    plan.drift().forEach(d -> LOGGER.warn("drift: {}", d));
    return new ApplyResult(created, plan.unchanged(), plan.drift());
  }

  /** Waits until every partition of {@code topics} has a leader, or fails after the timeout. */
  public void awaitLeaders(Collection<String> topics) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMs = 10;
    while (true) {
      List<String> leaderless = leaderless(topics);
      if (leaderless.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new KafkaException("no leader after " + timeout + " for partitions of " + leaderless);
      }
      try {
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while waiting for leaders", e);
      }
      pauseMs = Math.min(pauseMs * 2, 200);
    }
  }

  private List<String> leaderless(Collection<String> topics) {
    List<String> missing = new ArrayList<>();
    Map<String, org.apache.kafka.common.KafkaFuture<TopicDescription>> futures =
        admin.describeTopics(topics).topicNameValues();
    futures.forEach(
        (name, future) -> {
          try {
            TopicDescription d = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicPartitionInfo p : d.partitions()) {
              if (p.leader() == null || p.leader().isEmpty()) {
                missing.add(name + "-" + p.partition());
              }
            }
          } catch (ExecutionException | TimeoutException e) {
            missing.add(name); // metadata not propagated yet
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while describing " + name, e);
          }
        });
    return missing;
  }

  private List<TopicDrift> drift(TopicCatalog catalog, List<String> present) {
    Map<String, TopicDescription> descriptions =
        call(admin.describeTopics(present).allTopicNames());
    List<ConfigResource> resources =
        present.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> configs = call(admin.describeConfigs(resources).all());
    List<TopicDrift> drift = new ArrayList<>();
    for (String name : present) {
      TopicSpec spec = catalog.topic(name);
      TopicDescription actual = descriptions.get(name);
      compare(drift, name, "partitions", spec.partitions(), actual.partitions().size());
      compare(
          drift,
          name,
          "replication.factor",
          spec.replicationFactor(),
          actual.partitions().get(0).replicas().size());
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
      Map<String, String> actualConfigs = new HashMap<>();
      for (ConfigEntry entry : config.entries()) {
        actualConfigs.put(entry.name(), entry.value());
      }
      spec.configs()
          .forEach((key, expected) -> compare(drift, name, key, expected, actualConfigs.get(key)));
    }
    return drift;
  }

  private static void compare(
      List<TopicDrift> drift, String topic, String property, Object expected, Object actual) {
    if (!String.valueOf(expected).equals(String.valueOf(actual))) {
      drift.add(new TopicDrift(topic, property, String.valueOf(expected), String.valueOf(actual)));
    }
  }

  private static NewTopic newTopic(TopicSpec spec) {
    return new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
        .configs(spec.configs());
  }

  private <T> T call(org.apache.kafka.common.KafkaFuture<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new KafkaException("admin request failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted", e);
    } catch (TimeoutException e) {
      throw new KafkaException(
          "the cluster did not answer within " + timeout + "; is it reachable?", e);
    }
  }
}
