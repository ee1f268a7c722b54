package ai.ringrift.stages.bandwidth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.RoleChanged;
import ai.ringrift.events.TransferPriority;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.roles.RoleHolders;
import ai.ringrift.runtime.roles.RoleSettings;
import ai.ringrift.testkit.ChildJvm;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.WithKafkaCluster;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two allocators on a real broker under a randomized load of transfers: the one holding the role
 * grants; killing it (SIGKILL of its JVM) moves allocation to the other, which rebuilds the grants
 * from the topics and never grants past a limit nor grants a request twice.
 */
@WithKafkaCluster(schemaRegistry = false) // plain Avro; LaunchCommandIT covers the registry
class BandwidthAllocatorIT {
  private static final Logger LOGGER = LoggerFactory.getLogger(BandwidthAllocatorIT.class);

  /** Tight limits so that every one of them is reached under the load. */
  static final BandwidthSettings SETTINGS =
      new BandwidthSettings(
          new BandwidthLimits(1000, 2500, 3000, 7000, 2, 5, 100), 300, 120, 50, 90);

  static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4");
  static final int WORKERS = 6;
  static final int TRANSFERS_EACH = 12;

  final String prefix = "bw" + System.nanoTime() + ".role.";
  final List<AutoCloseable> open = new ArrayList<>();

  static RoleSettings roleSettings(String prefix) {
    return new RoleSettings(
        "ringrift.roles.election", prefix, prefix, 6000, 1000, 12000, 100, 10000);
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void killingTheAllocatorMovesAllocationToTheOtherWithoutGrantingPastTheLimits(
      KafkaCluster cluster) throws Exception {
    long testStart = System.currentTimeMillis(); // the cluster's topics also hold other tests'
    String first = "first@" + prefix;
    String second = "second@" + prefix;
    Process child = startAllocatorProcess(cluster, first);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> holders(cluster).contains(first + " acquired"));
    RunningAllocator standby =
        RunningAllocator.start(
            new BandwidthAllocatorService(
                SETTINGS,
                AllocatorProcessMain.context(cluster.bootstrapServers(), prefix, second)));
    open.add(standby);

    AtomicInteger leases = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
    open.add(workers::shutdownNow);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      BandwidthClient client = client(cluster, "worker-" + w);
      Random random = new Random(w);
      done.add(workers.submit(() -> transfers(client, random, leases)));
    }
    // a long transfer that outlives the first allocator: the second must count its grant
    BandwidthLease longTransfer =
        client(cluster, "long").acquire("h1", TransferPriority.CRITICAL, 1 << 30, 2500);
    await().atMost(Duration.ofSeconds(60)).until(() -> leases.get() >= 20);
    child.destroyForcibly().waitFor(); // SIGKILL: no release of the role, no goodbye
    long killedAt = System.currentTimeMillis();
    for (Future<?> f : done) {
      f.get(); // every transfer got its grant: the standby took over
    }
    longTransfer.close();
    assertThat(leases.get()).isEqualTo(WORKERS * TRANSFERS_EACH);

    List<ConsumerRecord<String, BandwidthGranted>> grants =
        since(testStart, read(cluster, "ringrift.bandwidth.granted", BandwidthGranted.class));
    List<ConsumerRecord<String, BandwidthReleased>> releases =
        since(testStart, read(cluster, "ringrift.bandwidth.released", BandwidthReleased.class));
    Map<String, Long> bySource =
        grants.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.value().getHeader().getSource(), Collectors.counting()));
    LOGGER.info("grants by allocator: {}", bySource);
    assertThat(bySource)
        .containsOnlyKeys(
            BandwidthAllocatorService.NAME + "@" + first,
            BandwidthAllocatorService.NAME + "@" + second);
    assertThat(grants)
        .filteredOn(r -> r.value().getHeader().getSource().endsWith(second))
        .allMatch(r -> r.timestamp() >= killedAt, "the standby granted only after the kill");
    assertThat(grants.stream().map(r -> r.value().getRequestId()).distinct().count())
        .as("no request granted twice, across the fail-over")
        .isEqualTo(grants.size());
    LimitTimeline.check(SETTINGS.limits(), grants, releases);
    assertThat(holders(cluster)).containsSubsequence(first + " acquired", second + " acquired");
  }

  @Test
  void aClientThatGetsNoGrantWithdrawsItsRequest(KafkaCluster cluster) throws Exception {
    BandwidthClient client = client(cluster, "lonely");
    assertThatThrownBy(
            () ->
                client.acquire(
                    "h9",
                    TransferPriority.LOW,
                    1,
                    0,
                    TransferRequest.Trace.NONE,
                    Duration.ofMillis(300)))
        .isInstanceOf(BandwidthTimeoutException.class)
        .hasMessageContaining("for host h9");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                read(cluster, "ringrift.bandwidth.released", BandwidthReleased.class).stream()
                    .anyMatch(r -> r.value().getNode().equals("h9") && !r.value().getExpired()));
  }

  @Test
  void aPoisonRequestGoesToTheDlqAndAllocationGoesOn(KafkaCluster cluster) throws Exception {
    String only = "only@" + prefix;
    open.add(
        RunningAllocator.start(
            new BandwidthAllocatorService(
                SETTINGS, AllocatorProcessMain.context(cluster.bootstrapServers(), prefix, only))));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> holders(cluster).contains(only + " acquired"));
    try (var producer =
        new KafkaProducer<>(
            cluster.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  "ringrift.bandwidth.requested",
                  "h1".getBytes(StandardCharsets.UTF_8),
                  new byte[] {1, 2, 3}))
          .get();
    }
    try (BandwidthLease lease =
        client(cluster, "after-poison").acquire("h1", TransferPriority.NORMAL, 1, 0)) {
      assertThat(lease.kbps()).isEqualTo(SETTINGS.limits().defaultTransferKbps());
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TopicSnapshot.read(
                        KafkaSettings.of(cluster.bootstrapServers()),
                        "ringrift.bandwidth.requested.dlq",
                        new StringDeserializer(),
                        new ByteArrayDeserializer(),
                        Duration.ofSeconds(30))
                    .stream()
                    .anyMatch(
                        r ->
                            Arrays.equals(r.value(), new byte[] {1, 2, 3})
                                && new String(
                                        r.headers()
                                            .lastHeader("ringrift.dlq.original-topic")
                                            .value(),
                                        StandardCharsets.UTF_8)
                                    .equals("ringrift.bandwidth.requested")));
  }

  /** One worker's transfers: ask with a random host, priority and rate, hold a while, release. */
  void transfers(BandwidthClient client, Random random, AtomicInteger leases) {
    for (int i = 0; i < TRANSFERS_EACH; i++) {
      String host = HOSTS.get(random.nextInt(HOSTS.size()));
      TransferPriority priority = TransferPriority.values()[random.nextInt(4)];
      int kbps = List.of(0, 400, 2500, 4000).get(random.nextInt(4));
      try (BandwidthLease lease = client.acquire(host, priority, 1 << 20, kbps)) {
        assertThat(lease.kbps()).isBetween(1, SETTINGS.limits().maxTransferKbps());
        leases.incrementAndGet();
        // the simulated transfer's duration (workload, not a wait for a condition)
        LockSupport.parkNanos(Duration.ofMillis(20 + random.nextInt(60)).toNanos());
        lease.transferred(1 << 20);
      } catch (Exception e) {
        throw new AssertionError("transfer " + i + " to " + host + " got no grant", e);
      }
    }
  }

  BandwidthClient client(KafkaCluster cluster, String name) {
    TopicCatalog catalog = cluster.catalog();
    BandwidthClient client =
        BandwidthClient.start(
            SETTINGS,
            KafkaSettings.of(cluster.bootstrapServers()),
            catalog,
            EventSerdes.plainAvro(catalog),
            name,
            Clock.systemUTC());
    open.add(client);
    return client;
  }

  Process startAllocatorProcess(KafkaCluster cluster, String instance) throws Exception {
    Process process =
        ChildJvm.command(
                List.of("-Xmx160m"),
                AllocatorProcessMain.class,
                cluster.bootstrapServers(),
                prefix,
                instance)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    open.add(() -> process.destroyForcibly().waitFor());
    return process;
  }

  List<String> holders(KafkaCluster cluster) throws Exception {
    TopicCatalog catalog = cluster.catalog();
    return RoleHolders.history(
            KafkaSettings.of(cluster.bootstrapServers()),
            catalog,
            EventSerdes.plainAvro(catalog),
            Duration.ofSeconds(30))
        .stream()
        .filter(c -> c.getHolder().endsWith("@" + prefix))
        .map((RoleChanged c) -> c.getHolder() + (c.getAcquired() ? " acquired" : " lost"))
        .toList();
  }

  static <T extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, T>> read(
      KafkaCluster cluster, String topic, Class<T> type) throws Exception {
    EventSerdes serdes = EventSerdes.plainAvro(cluster.catalog());
    return TopicSnapshot.read(
        KafkaSettings.of(cluster.bootstrapServers()),
        topic,
        serdes.key().deserializer(),
        serdes.value(type).deserializer(),
        Duration.ofSeconds(30));
  }

  static <T> List<ConsumerRecord<String, T>> since(
      long start, List<ConsumerRecord<String, T>> records) {
    return records.stream().filter(r -> r.timestamp() >= start).toList();
  }

  /** An allocator daemon running on a thread of this JVM. */
  record RunningAllocator(BandwidthAllocatorService service, Thread thread)
      implements AutoCloseable {
    static RunningAllocator start(BandwidthAllocatorService service) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  service.run();
                } catch (Exception e) {
                  LOGGER.error("allocator failed", e);
                }
              },
              "allocator-under-test");
      thread.start();
      return new RunningAllocator(service, thread);
    }

    @Override
    public void close() throws InterruptedException {
      service.stop();
      thread.join();
    }
  }
}
