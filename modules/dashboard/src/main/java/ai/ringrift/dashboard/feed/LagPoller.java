package ai.ringrift.dashboard.feed;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.dashboard.view.ConsumerGroupLag;
import ai.ringrift.dashboard.view.LoopView;
import ai.ringrift.runtime.health.ConsumerLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the lag of every consumer group of the cluster with one admin client, every few seconds,
 * for all the dashboard's pages at once ({@link ConsumerLag}: log end minus committed offset).
 */
public final class LagPoller implements Runnable, AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(LagPoller.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Admin admin;
  private final LoopView view;

  /** A poller of {@code kafka}'s groups into {@code view}; run it on a schedule. */
  public LagPoller(KafkaSettings kafka, LoopView view) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ringrift-dashboard-lag");
    this.admin = Admin.create(config);
    this.view = view;
  }

  @Override
  public void run() {
    try {
      Collection<GroupListing> groups =
          admin
              .listGroups(ListGroupsOptions.forConsumerGroups())
              .all()
              .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<ConsumerGroupLag> lags = new ArrayList<>();
      for (GroupListing group : groups) {
        lags.add(lag(group));
      }
      lags.sort(Comparator.comparing(ConsumerGroupLag::group));
      view.lag(lags, null);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      LOGGER.debug("cannot read consumer lag: {}", cause.toString());
      view.lag(List.of(), "cannot read the consumer groups: " + cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ConsumerGroupLag lag(GroupListing group)
      throws ExecutionException, TimeoutException, InterruptedException {
    ConsumerLag lag = ConsumerLag.read(admin, group.groupId(), TIMEOUT);
    Map.Entry<TopicPartition, Long> worst = lag.worst().orElse(null);
    return new ConsumerGroupLag(
        group.groupId(),
        group.groupState().map(Enum::name).orElse("UNKNOWN"),
        lag.total(),
        lag.partitions().size(),
        worst == null ? null : worst.getKey().toString(),
        worst == null ? 0 : worst.getValue());
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
