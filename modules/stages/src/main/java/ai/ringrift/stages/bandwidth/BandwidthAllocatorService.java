package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.ServiceContext;
import ai.ringrift.runtime.daemon.Daemon;
import ai.ringrift.runtime.roles.LeaderRole;
import ai.ringrift.runtime.roles.RoleContext;
import ai.ringrift.runtime.roles.RoleElection;
import ai.ringrift.runtime.roles.RoleListener;
import ai.ringrift.runtime.roles.RoleTerm;
import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The bandwidth allocator as a daemon: every instance competes for the BANDWIDTH_ALLOCATOR role and
 * the holder allocates ({@link AllocatorLoop}); the others stand by and take over within the
 * session timeout when the holder dies. Run it on two or more hosts.
 */
public final class BandwidthAllocatorService implements Daemon, RoleListener {
  /** The daemon's name in {@code config/daemons.yaml}. */
  public static final String NAME = "bandwidth-allocator";

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final BandwidthSettings settings;
  private final RoleContext roles;
  private final TopicCatalog catalog;
  private final String source;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private volatile AllocatorWorker worker;
  private volatile RoleElection election;
  private volatile Producer<byte[], byte[]> deadLetters;

  public BandwidthAllocatorService(BandwidthSettings settings, RoleContext roles) {
    this.settings = settings;
    this.roles = roles;
    this.catalog = roles.catalog();
    this.source = NAME + "@" + roles.instanceId();
  }

  /** The allocator of a service: bandwidth.yaml and roles.yaml from its config. */
  public static BandwidthAllocatorService create(ServiceContext context) {
    return new BandwidthAllocatorService(
        BandwidthSettings.load(context.config()), RoleContext.of(context));
  }

  @Override
  public void run() throws Exception {
    deadLetters = new KafkaProducer<>(producerConfig(roles.kafka()));
    try {
      election = RoleElection.start(LeaderRole.BANDWIDTH_ALLOCATOR, roles, this);
      done.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      if (election != null) {
        election.close(); // ends the term: the worker stops, the loss is announced
      }
      deadLetters.close(STOP_TIMEOUT);
    }
  }

  @Override
  public void stop() {
    done.complete(null);
  }

  @Override
  public void acquired(RoleTerm term) {
    AllocatorLoop.Parts parts =
        new AllocatorLoop.Parts(
            settings,
            new AllocatorTopics(catalog, roles.serdes()),
            new BandwidthEvents(source, roles.clock()),
            new PoisonRecords(catalog, deadLetters, source),
            roles.clock());
    worker = AllocatorWorker.start(term, parts, roles.kafka(), done::completeExceptionally);
  }

  @Override
  public void lost(RoleTerm term) {
    AllocatorWorker stopping = worker;
    worker = null;
    if (stopping != null) {
      stopping.stop(STOP_TIMEOUT);
    }
  }

  @Override
  public HealthCheck.Result health() {
    RoleElection current = election;
    if (current == null) {
      return HealthCheck.Result.unhealthy("not started");
    }
    return current
        .status()
        .lastError()
        .map(HealthCheck.Result::unhealthy)
        .orElse(HealthCheck.Result.healthy());
  }

  @Override
  public Set<String> roles() {
    RoleElection current = election;
    return current != null && current.isHeld()
        ? Set.of(LeaderRole.BANDWIDTH_ALLOCATOR.name())
        : Set.of();
  }

  @Override
  public long lag() {
    return status().map(AllocatorStatus::lag).orElse(0L);
  }

  /** The allocation state while this instance holds the role. */
  public Optional<AllocatorStatus> status() {
    return Optional.ofNullable(worker).map(AllocatorWorker::status);
  }

  private static Map<String, Object> producerConfig(KafkaSettings kafka) {
    Map<String, Object> config = kafka.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }
}
