package ai.ringrift.stages.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.publish.EventPublisher;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import ai.ringrift.events.TransferPriority;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.DeliveryPlan;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * One event counts once in the bandwidth allocator, on a real broker: transfers whose requests and
 * releases are each delivered 1 to 3 times (the same events), copies interleaved with later events
 * and the allocator restarted in between (a new term that rebuilds its state from the topics), are
 * granted once each at the rate they asked for, and free everything when released — what delivering
 * each event once does. The allocator needs no id store for this: every event about a transfer
 * carries its request id.
 */
@WithKafkaCluster(schemaRegistry = false)
class AllocatorDuplicatesIT {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  static final int TRANSFERS = 8;

  /** Room for every transfer at once: each is granted the rate it asks for, at once. */
  static final BandwidthSettings SETTINGS =
      new BandwidthSettings(
          new BandwidthLimits(1000, 5000, 1_000_000, 10_000_000, 100, 1000, 100),
          3600,
          1800,
          50,
          60);

  final String prefix = "copies" + System.nanoTime() + ".role.";
  int instances;

  @Test
  void requestsAndReleasesDeliveredUpToThreeTimesAcrossRestartsGrantEachTransferOnce(
      KafkaCluster cluster) throws Exception {
    TopicCatalog catalog = cluster.catalog();
    EventSerdes serdes = EventSerdes.plainAvro(catalog);
    Random random = new Random(19);
    List<SpecificRecord> events = new ArrayList<>();
    Map<String, Integer> wanted = new java.util.TreeMap<>();
    for (int i = 0; i < TRANSFERS; i++) {
      String id = "copies-" + i;
      int kbps = 100 + random.nextInt(4900);
      wanted.put(id, kbps);
      events.add(requested(id, "h" + i % 3, kbps));
    }
    for (int i = 0; i < TRANSFERS; i++) {
      events.add(released("copies-" + i, "h" + i % 3));
    }
    DeliveryPlan<SpecificRecord> plan = planWithCopiesAndRestarts(events, 19);

    BandwidthAllocatorIT.RunningAllocator allocator = start(cluster);
    try (EventPublisher publisher =
        EventPublisher.builder()
            .kafka(KafkaSettings.of(cluster.bootstrapServers()))
            .catalog(catalog)
            .serdes(serdes)
            .source("copies-it")
            .metrics(new MetricRegistry())
            .build()) {
      for (DeliveryPlan.Step<SpecificRecord> step : plan.copies()) {
        if (step instanceof DeliveryPlan.First<SpecificRecord> first) {
          publisher.publishSync(first.event());
          if (first.event() instanceof BandwidthRequested r) {
            // a transfer is released only after its grant, as a real one is
            await().atMost(DEADLINE).until(() -> granted(cluster).containsKey(r.getRequestId()));
          }
        } else if (step instanceof DeliveryPlan.Copy<SpecificRecord> copy) {
          publisher.publishSync(copy.event()); // the same header: the same event_id
        } else {
          allocator.close();
          allocator = start(cluster);
        }
      }
      BandwidthAllocatorIT.RunningAllocator last = allocator;
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  last.service()
                      .status()
                      .filter(s -> s.rebuilt() && s.usage().kbps() == 0 && s.waiting() == 0)
                      .isPresent());
    } finally {
      allocator.close();
    }

    assertThat(plan.extraDeliveries()).isPositive();
    assertThat(plan.restarts()).isPositive();
    Map<String, List<BandwidthGranted>> grants = granted(cluster);
    assertThat(grants.keySet()).containsExactlyInAnyOrderElementsOf(wanted.keySet());
    grants.forEach(
        (id, list) -> {
          assertThat(list).as("%s granted once", id).hasSize(1);
          assertThat(list.get(0).getGrantedKbps()).as(id).isEqualTo(wanted.get(id));
        });
    assertThat(
            TopicSnapshot.read(
                    KafkaSettings.of(cluster.bootstrapServers()),
                    "ringrift.bandwidth.released",
                    new StringDeserializer(),
                    serdes.value(BandwidthReleased.class).deserializer(),
                    Duration.ofSeconds(30))
                .stream()
                .map(ConsumerRecord::value)
                .filter(BandwidthReleased::getExpired))
        .as("no grant was left to expire")
        .isEmpty();
  }

  private BandwidthAllocatorIT.RunningAllocator start(KafkaCluster cluster) {
    BandwidthAllocatorIT.RunningAllocator running =
        BandwidthAllocatorIT.RunningAllocator.start(
            new BandwidthAllocatorService(
                SETTINGS,
                AllocatorProcessMain.context(
                    cluster.bootstrapServers(), prefix, "allocator-" + instances++)));
    await()
        .atMost(DEADLINE)
        .until(() -> running.service().status().filter(AllocatorStatus::rebuilt).isPresent());
    return running;
  }

  private static Map<String, List<BandwidthGranted>> granted(KafkaCluster cluster)
      throws Exception {
    return TopicSnapshot.read(
            KafkaSettings.of(cluster.bootstrapServers()),
            "ringrift.bandwidth.granted",
            new StringDeserializer(),
            EventSerdes.plainAvro(cluster.catalog()).value(BandwidthGranted.class).deserializer(),
            Duration.ofSeconds(30))
        .stream()
        .map(ConsumerRecord::value)
        .filter(g -> g.getRequestId().startsWith("copies-"))
        .collect(Collectors.groupingBy(BandwidthGranted::getRequestId));
  }

  private static DeliveryPlan<SpecificRecord> planWithCopiesAndRestarts(
      List<SpecificRecord> events, long seed) {
    for (long s = seed; ; s++) {
      DeliveryPlan<SpecificRecord> plan = DeliveryPlan.of(events, new Random(s), 0.1);
      if (plan.extraDeliveries() >= TRANSFERS / 2 && plan.restarts() >= 1) {
        return plan;
      }
    }
  }

  private static BandwidthRequested requested(String id, String host, int kbps) {
    BandwidthRequested event = SampleEvents.of(BandwidthRequested.class, 1);
    event.put("header", null); // the publisher fills it on the first delivery; copies keep it
    event.put("node", host);
    event.put("request_id", id);
    event.put("priority", TransferPriority.NORMAL);
    event.put("requested_kbps", kbps);
    return event;
  }

  private static BandwidthReleased released(String id, String host) {
    BandwidthReleased event = SampleEvents.of(BandwidthReleased.class, 1);
    event.put("header", null);
    event.put("node", host);
    event.put("request_id", id);
    event.put("expired", false);
    return event;
  }
}
