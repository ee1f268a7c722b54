package ai.ringrift.stages.bandwidth;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.EventRecords;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.TransferPriority;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.runtime.ServiceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * What a transfer uses to take part in bandwidth coordination: ask, wait for the grant, transfer at
 * the granted rate, give it back. Thread-safe; one client per service.
 *
 * <pre>{@code
 * try (BandwidthLease lease = client.acquire(host, TransferPriority.NORMAL, bytes, 0)) {
 *   ... rsync --bwlimit=lease.kbps() ...
 * }
 * }</pre>
 */
public final class BandwidthClient implements AutoCloseable {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final BandwidthSettings settings;
  private final EventRecords records;
  private final BandwidthEvents events;
  private final Clock clock;
  private final Producer<byte[], byte[]> producer;
  private final GrantListener grants;
  private final Map<String, CompletableFuture<BandwidthGranted>> waiting =
      new ConcurrentHashMap<>();
  private final Map<String, BandwidthLease> leases = new ConcurrentHashMap<>();

  private BandwidthClient(
      BandwidthSettings settings,
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      String source,
      Clock clock) {
    this.settings = settings;
    this.records = new EventRecords(catalog, serdes);
    this.events = new BandwidthEvents(source, clock);
    this.clock = clock;
    this.producer = new KafkaProducer<>(GrantListener.producerConfig(kafka));
    this.grants =
        GrantListener.start(kafka, catalog, serdes, source, this::onGranted, this::onReleased);
  }

  /**
   * A client writing as {@code source} (e.g. {@code selfplay-sync@host-1}); it listens for grants
   * from now on, so a request made after this returns cannot miss its grant.
   */
  public static BandwidthClient start(
      BandwidthSettings settings,
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      String source,
      Clock clock) {
    return new BandwidthClient(settings, kafka, catalog, serdes, source, clock);
  }

  /** The client of a service, with bandwidth.yaml from its config. */
  public static BandwidthClient start(ServiceContext context, String source) {
    return start(
        BandwidthSettings.load(context.config()),
        context.kafka(),
        context.catalog(),
        context.serdes(),
        source,
        Clock.systemUTC());
  }

  /** Asks for bandwidth and waits up to the configured client timeout for the grant. */
  public BandwidthLease acquire(
      String host, TransferPriority priority, long bytes, int requestedKbps)
      throws BandwidthTimeoutException, InterruptedException {
    return acquire(
        host,
        priority,
        bytes,
        requestedKbps,
        TransferRequest.Trace.NONE,
        settings.clientGrantTimeout());
  }

  /**
   * Asks for bandwidth for a transfer to or from {@code host} and waits up to {@code timeout}.
   *
   * @param requestedKbps wanted rate in KB/s; 0 asks for the default
   * @param cause the event the transfer serves (its id and trace), or {@code Trace.NONE}
   * @throws BandwidthTimeoutException when no grant came in time (the request is withdrawn)
   */
  public BandwidthLease acquire(
      String host,
      TransferPriority priority,
      long bytes,
      int requestedKbps,
      TransferRequest.Trace cause,
      Duration timeout)
      throws BandwidthTimeoutException, InterruptedException {
    String id = UUID.randomUUID().toString();
    CompletableFuture<BandwidthGranted> grant = new CompletableFuture<>();
    waiting.put(id, grant);
    try {
      send(
          events.requested(
              new TransferRequest(
                  id, host, priority, bytes, requestedKbps, clock.instant(), cause)));
      BandwidthGranted granted = grant.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      BandwidthLease lease =
          new BandwidthLease(this, id, host, granted.getGrantedKbps(), granted.getExpiresAt());
      leases.put(id, lease);
      return lease;
    } catch (TimeoutException e) {
      send(events.released(host, id, 0, false, cause)); // withdraw; frees a grant that comes late
      throw new BandwidthTimeoutException(id, host, timeout);
    } catch (ExecutionException e) {
      throw new IllegalStateException("waiting for the grant of " + id + " failed", e.getCause());
    } finally {
      waiting.remove(id);
    }
  }

  /** Gives a lease's bandwidth back; {@link BandwidthLease#close()} calls this. */
  void release(BandwidthLease lease, long bytes) {
    leases.remove(lease.requestId());
    send(
        events.released(lease.host(), lease.requestId(), bytes, false, TransferRequest.Trace.NONE));
  }

  private void onGranted(BandwidthGranted granted) {
    CompletableFuture<BandwidthGranted> waiter = waiting.get(granted.getRequestId());
    if (waiter != null) {
      waiter.complete(granted);
    }
  }

  private void onReleased(BandwidthReleased released) {
    BandwidthLease lease = leases.get(released.getRequestId());
    if (lease != null && released.getExpired()) {
      lease.markExpired();
    }
  }

  private void send(SpecificRecord event) {
    try {
      producer.send(records.of(event)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while sending " + event.getSchema().getName(), e);
    } catch (ExecutionException e) {
      throw new KafkaException(
          "could not send " + event.getSchema().getName() + ": " + e.getCause(), e.getCause());
    }
  }

  @Override
  public void close() {
    grants.close();
    producer.close(CLOSE_TIMEOUT);
  }
}
