package ai.ringrift.stages.bandwidth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The allocator's decisions, without Kafka. It is told what happened — requests, grants (its own or
 * rebuilt from the topic), releases — in any order, and {@link #tick()} decides: expire forgotten
 * grants, drop requests nobody waits for any more, and grant waiting requests in serving order
 * (CRITICAL first, then oldest) as far as the limits allow. A request blocked by its host's limits
 * does not hold up other hosts; a request blocked by the cluster's limits holds up every request
 * after it, so that freed capacity goes to the higher priority first.
 *
 * <p>Every id is remembered once closed (released, expired or dropped), so that a late or replayed
 * record about it changes nothing; it is forgotten after the grant TTL plus the pending timeout,
 * when any record about it is refused by its own time (an expired grant, a stale request). The
 * closed ids are kept in closing order ({@link ClosedTransfers}), so a round forgets the expired
 * ones from the head without looking at the rest. Not thread-safe: one allocator loop owns it.
 */
public final class BandwidthAllocator {
  private final BandwidthLimits limits;
  private final Duration grantTtl;
  private final Duration pendingTimeout;
  private final Clock clock;
  private final Map<String, TransferRequest> pending = new HashMap<>();
  private final Map<String, Grant> grants = new LinkedHashMap<>();
  private final ClosedTransfers closed = new ClosedTransfers();

  public BandwidthAllocator(BandwidthSettings settings, Clock clock) {
    this.limits = settings.limits();
    this.grantTtl = settings.grantTtl();
    this.pendingTimeout = settings.pendingTimeout();
    this.clock = clock;
  }

  /** What one {@link #tick()} decided. */
  public record Round(List<Grant> granted, List<Grant> expired, List<TransferRequest> dropped) {
    public Round {
      granted = List.copyOf(granted);
      expired = List.copyOf(expired);
      dropped = List.copyOf(dropped);
    }

    /** True when nothing was decided (nothing to publish). */
    public boolean isEmpty() {
      return granted.isEmpty() && expired.isEmpty() && dropped.isEmpty();
    }
  }

  /**
   * A transfer asks for bandwidth; returns false for an id already known and for a request too old
   * to be waited for (which is how ids forgotten after closing stay closed).
   */
  public boolean requested(TransferRequest request) {
    String id = request.requestId();
    if (known(id)) {
      return false;
    }
    if (!request.requestedAt().isAfter(clock.instant().minus(pendingTimeout))) {
      closed.close(id, clock.instant());
      return false;
    }
    pending.put(id, request);
    return true;
  }

  /**
   * A grant was made (read back from the topic, or rebuilt after a fail-over); returns false for a
   * grant already known, already closed or already expired.
   */
  public boolean granted(Grant grant) {
    String id = grant.requestId();
    if (grants.containsKey(id) || closed.contains(id)) {
      return false;
    }
    pending.remove(id);
    if (!grant.expiresAt().isAfter(clock.instant())) {
      closed.close(id, clock.instant());
      return false;
    }
    grants.put(id, grant);
    return true;
  }

  private boolean known(String id) {
    return pending.containsKey(id) || grants.containsKey(id) || closed.contains(id);
  }

  /** The transfer is done (or gave up waiting); returns the grant it freed, if it had one. */
  public Optional<Grant> released(String requestId) {
    pending.remove(requestId);
    closed.close(requestId, clock.instant());
    return Optional.ofNullable(grants.remove(requestId));
  }

  /** Expires, drops and grants what is due now. */
  public Round tick() {
    Instant now = clock.instant();
    List<Grant> expired = expire(now);
    List<TransferRequest> dropped = dropStale(now);
    List<Grant> granted = allocate(now);
    forgetClosedBefore(now.minus(grantTtl).minus(pendingTimeout));
    return new Round(granted, expired, dropped);
  }

  /** What the live grants use now. */
  public Usage usage() {
    return Tally.of(grants.values()).usage();
  }

  /** Waiting requests in serving order. */
  public List<TransferRequest> pending() {
    return pending.values().stream().sorted(TransferRequest.SERVING_ORDER).toList();
  }

  /** Live grants, oldest first. */
  public Collection<Grant> grants() {
    return List.copyOf(grants.values());
  }

  private List<Grant> expire(Instant now) {
    List<Grant> expired = new ArrayList<>();
    for (Iterator<Grant> it = grants.values().iterator(); it.hasNext(); ) {
      Grant grant = it.next();
      if (!grant.expiresAt().isAfter(now)) {
        it.remove();
        closed.close(grant.requestId(), now);
        expired.add(grant);
      }
    }
    return expired;
  }

  private List<TransferRequest> dropStale(Instant now) {
    Instant cutoff = now.minus(pendingTimeout);
    List<TransferRequest> dropped =
        pending.values().stream().filter(r -> !r.requestedAt().isAfter(cutoff)).toList();
    dropped.forEach(r -> released(r.requestId()));
    return dropped;
  }

  private List<Grant> allocate(Instant now) {
    Tally tally = Tally.of(grants.values());
    Set<String> blockedHosts = new HashSet<>();
    List<Grant> made = new ArrayList<>();
    for (TransferRequest request : pending()) {
      int wanted = limits.wanted(request.requestedKbps());
      int least = limits.least(wanted);
      int clusterFree = limits.totalKbps() - tally.kbps;
      if (tally.transfers >= limits.totalTransfers() || clusterFree < least) {
        break; // what frees up next belongs to this request before any after it
      }
      Usage.Host host = tally.host(request.host());
      int hostFree = limits.perHostKbps() - host.kbps();
      if (blockedHosts.contains(request.host())
          || host.transfers() >= limits.perHostTransfers()
          || hostFree < least) {
        blockedHosts.add(request.host()); // later requests of this host wait behind this one
        continue;
      }
      Grant grant =
          new Grant(
              request.requestId(),
              request.host(),
              Math.min(wanted, Math.min(hostFree, clusterFree)),
              now.plus(grantTtl),
              request.trace());
      pending.remove(request.requestId());
      grants.put(grant.requestId(), grant);
      tally.add(grant);
      made.add(grant);
    }
    return made;
  }

  /** Forgets the ids closed before {@code horizon}; returns how many entries it looked at. */
  int forgetClosedBefore(Instant horizon) {
    return closed.forgetBefore(horizon);
  }

  /** How many closed ids are remembered (to refuse late records about them). */
  int closedRemembered() {
    return closed.size();
  }

  /** Running totals of a set of grants. */
  private static final class Tally {
    private int kbps;
    private int transfers;
    private final Map<String, Usage.Host> hosts = new HashMap<>();

    static Tally of(Collection<Grant> grants) {
      Tally tally = new Tally();
      grants.forEach(tally::add);
      return tally;
    }

    void add(Grant grant) {
      kbps += grant.kbps();
      transfers++;
      Usage.Host host = host(grant.host());
      hosts.put(grant.host(), new Usage.Host(host.kbps() + grant.kbps(), host.transfers() + 1));
    }

    Usage.Host host(String host) {
      return hosts.getOrDefault(host, new Usage.Host(0, 0));
    }

    Usage usage() {
      return new Usage(kbps, transfers, hosts);
    }
  }
}
