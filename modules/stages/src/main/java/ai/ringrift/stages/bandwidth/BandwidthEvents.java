package ai.ringrift.stages.bandwidth;

import ai.ringrift.events.BandwidthGranted;
import ai.ringrift.events.BandwidthReleased;
import ai.ringrift.events.BandwidthRequested;
import ai.ringrift.events.EventHeader;
import java.time.Clock;
import java.util.UUID;

/** Between the bandwidth events on Kafka and the allocator's records. */
final class BandwidthEvents {
  private final String source;
  private final Clock clock;

  /** Events written as {@code source} (e.g. {@code bandwidth-allocator@host-1}). */
  BandwidthEvents(String source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  static TransferRequest request(BandwidthRequested event) {
    EventHeader header = event.getHeader();
    return new TransferRequest(
        event.getRequestId(),
        event.getNode(),
        event.getPriority(),
        event.getBytes(),
        event.getRequestedKbps(),
        header.getOccurredAt(),
        new TransferRequest.Trace(header.getEventId(), header.getTraceId()));
  }

  static Grant grant(BandwidthGranted event) {
    EventHeader header = event.getHeader();
    return new Grant(
        event.getRequestId(),
        event.getNode(),
        event.getGrantedKbps(),
        event.getExpiresAt(),
        new TransferRequest.Trace(
            header.getCausationId() == null ? "" : header.getCausationId(), header.getTraceId()));
  }

  BandwidthGranted granted(Grant grant) {
    return BandwidthGranted.newBuilder()
        .setHeader(header(grant.trace()))
        .setNode(grant.host())
        .setRequestId(grant.requestId())
        .setGrantedKbps(grant.kbps())
        .setExpiresAt(grant.expiresAt())
        .build();
  }

  BandwidthReleased expired(Grant grant) {
    return released(grant.host(), grant.requestId(), 0, true, grant.trace());
  }

  BandwidthRequested requested(TransferRequest request) {
    return BandwidthRequested.newBuilder()
        .setHeader(header(request.trace()))
        .setNode(request.host())
        .setRequestId(request.requestId())
        .setPriority(request.priority())
        .setBytes(request.bytes())
        .setRequestedKbps(request.requestedKbps())
        .build();
  }

  BandwidthReleased released(
      String host, String requestId, long bytes, boolean expired, TransferRequest.Trace trace) {
    return BandwidthReleased.newBuilder()
        .setHeader(header(trace))
        .setNode(host)
        .setRequestId(requestId)
        .setBytesTransferred(bytes)
        .setExpired(expired)
        .build();
  }

  /** A new event's header: caused by the traced event, on its trace (or a new one). */
  private EventHeader header(TransferRequest.Trace cause) {
    String eventId = UUID.randomUUID().toString();
    return EventHeader.newBuilder()
        .setEventId(eventId)
        .setSource(source)
        .setOccurredAt(clock.instant())
        .setTraceId(cause.traceId().isEmpty() ? eventId : cause.traceId())
        .setCausationId(cause.eventId().isEmpty() ? null : cause.eventId())
        .build();
  }
}
