package ai.ringrift.runtime.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.TopicSnapshot;
import ai.ringrift.client.publish.EventRecords;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.testkit.ChildJvm;
import ai.ringrift.testkit.KafkaCluster;
import ai.ringrift.testkit.SampleEvents;
import ai.ringrift.testkit.WithKafkaCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Leader roles on a real broker: one holder, hand-over, crash take-over and fencing. */
@WithKafkaCluster(schemaRegistry = false) // plain Avro; LaunchCommandIT covers the registry
class RoleElectionIT {
  private static final Logger LOGGER = LoggerFactory.getLogger(RoleElectionIT.class);
  static final LeaderRole ROLE = LeaderRole.BANDWIDTH_ALLOCATOR;
  static final AtomicInteger TESTS = new AtomicInteger();

  final List<AutoCloseable> open = new ArrayList<>();
  final String prefix = "it" + TESTS.incrementAndGet() + "-" + System.nanoTime() + ".role.";

  /** Settings private to one test (its own groups and transactional ids) with a short session. */
  static RoleSettings settings(String prefix) {
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
  void oneCandidateHoldsTheRoleAndClosingItHandsTheRoleToAnother(KafkaCluster cluster)
      throws Exception {
    List<Candidate> candidates = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      candidates.add(candidate(cluster, "c" + i));
    }
    HolderSampler sampler = new HolderSampler(candidates);
    open.add(0, sampler);
    List<String> holders = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      await().atMost(Duration.ofSeconds(30)).until(() -> held(candidates).size() == 1);
      Candidate holder = held(candidates).get(0);
      holders.add(holder.instance);
      holder.close(); // leaves the group: the role moves without waiting for the session timeout
      candidates.remove(holder);
      candidates.add(candidate(cluster, "n" + round));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> held(candidates).size() == 1);
    holders.add(held(candidates).get(0).instance);
    sampler.close();

    assertThat(sampler.samples()).isGreaterThan(100);
    assertThat(sampler.maxHolders()).as("holders at one instant").isEqualTo(1);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < holders.size(); i++) {
      expected.add(holders.get(i) + " acquired");
      if (i < holders.size() - 1) {
        expected.add(holders.get(i) + " lost");
      }
    }
    assertThat(announcements(cluster)).containsExactlyElementsOf(expected);
  }

  @Test
  void killingTheHolderProcessMovesTheRoleToTheOtherInstance(KafkaCluster cluster)
      throws Exception {
    String child = instance("child");
    CandidateProcess process = CandidateProcess.start(cluster.bootstrapServers(), prefix, child);
    open.add(process);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> announcements(cluster).contains(child + " acquired"));

    Candidate standby = candidate(cluster, "standby");
    HolderSampler sampler = new HolderSampler(List.of(standby));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> members(cluster) == 2); // the standby is in the group, not holding
    assertThat(standby.election.isHeld()).as("a joining candidate takes nothing").isFalse();
    assertThat(sampler.maxHolders()).isZero();

    long killed = System.nanoTime();
    process.kill();
    await().atMost(Duration.ofSeconds(60)).until(standby.election::isHeld);
    LOGGER.info(
        "failover after SIGKILL took {} ms (session timeout {} ms)",
        Duration.ofNanos(System.nanoTime() - killed).toMillis(),
        settings(prefix).sessionTimeoutMs());
    sampler.close();

    assertThat(announcements(cluster))
        .as("a killed holder cannot announce its loss; its successor's acquisition follows")
        .containsExactly(child + " acquired", standby.instance + " acquired");
    assertThat(standby.events).containsExactly("acquired");
  }

  @Test
  void aNewerHolderFencesTheWritesOfAPausedHolder(KafkaCluster cluster) throws Exception {
    RoleContext context = context(cluster, instance("zombie"));
    // A holder whose election thread is paused: its lease looks confirmed, it believes it holds.
    KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(RoleClients.producerConfig(context, ROLE));
    // the first transactional client of a fresh cluster waits for __transaction_state to be made
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptionsInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
        .until(
            () -> {
              producer.initTransactions();
              return true;
            });
    RoleTerm zombie =
        new RoleTerm(
            new RoleTerm.Holder(ROLE, context.instanceId(), context.node()),
            producer,
            new EventRecords(context.catalog(), context.serdes()),
            new RoleTerm.Lease(Clock.systemUTC(), System::currentTimeMillis, Duration.ofHours(1)));
    open.add(() -> zombie.close(Duration.ofSeconds(5)));
    BandwidthGranted before = grant("before-" + prefix);
    zombie.publish(before);

    Candidate successor = candidate(cluster, "successor");
    await().atMost(Duration.ofSeconds(30)).until(successor.election::isHeld);
    BandwidthGranted after = grant("after-" + prefix);
    assertThatThrownBy(() -> zombie.publish(after)).isInstanceOf(RoleLostException.class);
    assertThat(zombie.isHeld()).isFalse();

    Set<String> written =
        TopicSnapshot.read(
                kafka(cluster),
                "ringrift.bandwidth.granted",
                context.serdes().key().deserializer(),
                context.serdes().value(BandwidthGranted.class).deserializer(),
                Duration.ofSeconds(30))
            .stream()
            .map(ConsumerRecord::value)
            .map(BandwidthGranted::getRequestId)
            .collect(Collectors.toSet());
    assertThat(written).contains(before.getRequestId()).doesNotContain(after.getRequestId());
  }

  // ---- helpers ----

  Candidate candidate(KafkaCluster cluster, String name) {
    Candidate candidate = new Candidate(context(cluster, instance(name)));
    open.add(candidate);
    return candidate;
  }

  String instance(String name) {
    return name + "@" + prefix;
  }

  RoleContext context(KafkaCluster cluster, String instance) {
    TopicCatalog catalog = cluster.catalog();
    return new RoleContext(
        settings(prefix),
        kafka(cluster),
        catalog,
        EventSerdes.plainAvro(catalog),
        instance,
        "test-host",
        Clock.systemUTC());
  }

  static KafkaSettings kafka(KafkaCluster cluster) {
    return KafkaSettings.of(cluster.bootstrapServers());
  }

  /** This test's announcements on the roles topic, as "instance acquired|lost". */
  List<String> announcements(KafkaCluster cluster) throws Exception {
    TopicCatalog catalog = cluster.catalog();
    return RoleHolders.history(
            kafka(cluster), catalog, EventSerdes.plainAvro(catalog), Duration.ofSeconds(30))
        .stream()
        .filter(c -> c.getHolder().endsWith("@" + prefix))
        .map(c -> c.getHolder() + (c.getAcquired() ? " acquired" : " lost"))
        .toList();
  }

  int members(KafkaCluster cluster) throws Exception {
    String group = settings(prefix).groupId(ROLE);
    return cluster
        .admin()
        .describeConsumerGroups(List.of(group))
        .all()
        .get()
        .get(group)
        .members()
        .size();
  }

  static BandwidthGranted grant(String requestId) {
    return BandwidthGranted.newBuilder(SampleEvents.of(BandwidthGranted.class, 7))
        .setRequestId(requestId)
        .build();
  }

  static List<Candidate> held(List<Candidate> candidates) {
    return candidates.stream().filter(c -> c.election.isHeld()).toList();
  }

  /** One in-process candidate and what its listener heard. */
  static final class Candidate implements AutoCloseable {
    final String instance;
    final List<String> events = new CopyOnWriteArrayList<>();
    final RoleElection election;

    Candidate(RoleContext context) {
      this.instance = context.instanceId();
      this.election =
          RoleElection.start(
              ROLE,
              context,
              new RoleListener() {
                @Override
                public void acquired(RoleTerm term) {
                  events.add("acquired");
                }

                @Override
                public void lost(RoleTerm term) {
                  events.add("lost");
                }
              });
    }

    @Override
    public void close() {
      election.close();
    }
  }

  /** A candidate in a child JVM ({@link RoleCandidateMain}), killed with SIGKILL. */
  record CandidateProcess(Process process) implements AutoCloseable {
    static CandidateProcess start(String bootstrap, String prefix, String instance)
        throws Exception {
      Process process =
          ChildJvm.command(
                  List.of("-Xmx128m"),
                  RoleCandidateMain.class,
                  bootstrap,
                  prefix,
                  instance,
                  ROLE.name())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return new CandidateProcess(process);
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no leave-group, no announcement
      process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
      kill();
    }
  }
}
