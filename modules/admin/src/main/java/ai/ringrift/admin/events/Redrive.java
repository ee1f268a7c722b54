package ai.ringrift.admin.events;

import ai.ringrift.admin.cli.Connected;
import ai.ringrift.admin.cli.RawTopic;
import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.client.subscribe.RedriveTarget;
import ai.ringrift.events.catalog.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends dead letters back to their original topics, and why doing it twice is safe:
 *
 * <ol>
 *   <li>The republished record and a {@link RedriveMarker} in the DLQ are written in one Kafka
 *       transaction: a crash leaves both or neither.
 *   <li>The transactional id is the DLQ's ({@code ringrift.admin.redrive.<dlq>}), and the DLQ is
 *       read only after {@code initTransactions()}: that fences a concurrent redrive of the same
 *       DLQ and settles its open transaction first, so what this run reads is final.
 *   <li>A record with a marker is skipped ({@code --all}) or refused ({@code --offset}) unless
 *       forced; a record that still does not decode as its topic's type is left, since it would
 *       come straight back.
 *   <li>The record goes back only to the consumer group that gave up on it: it carries {@code
 *       ringrift.redrive.for} = the dead letter's {@code ringrift.dlq.subscriber}, and every other
 *       group skips it (the subscriber, the Streams apps, the {@code up} watcher), so groups that
 *       handled the event the first time never see it again, however late the redrive.
 *   <li>The value bytes are the original ones, so the event keeps its {@code event_id}: the group
 *       it is for applies it once (it gave up on it, so it had not) and, within the dedup window,
 *       ignores a second, forced copy. A dead letter that names no group goes to every group, where
 *       the same window protects those that handled it.
 * </ol>
 */
final class Redrive {
  /** Prefix of the transactional id of the redrives of one DLQ. */
  static final String TRANSACTIONAL_ID_PREFIX = "ringrift.admin.redrive.";

  private final Connected connected;
  private final TopicSpec dlq;
  private final boolean force;

  Redrive(Connected connected, TopicSpec dlq, boolean force) {
    this.connected = connected;
    this.dlq = dlq;
    this.force = force;
  }

  /**
   * What a redrive did.
   *
   * @param sent the markers of the records sent
   * @param alreadyRedriven records skipped because they were redriven before
   * @param undecodable records left because they still do not decode
   */
  record Outcome(
      List<RedriveMarker> sent,
      List<OffsetRanges.Position> alreadyRedriven,
      List<OffsetRanges.Position> undecodable) {}

  /** A redrive that would do harm; its message says what to do instead. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** Redrives every pending dead letter ({@code offset} null) or the one at {@code offset}. */
  Outcome run(Long offset) {
    try (Copier copier = new Copier(connected.kafka(), TRANSACTIONAL_ID_PREFIX + dlq.name());
        RawTopic raw = new RawTopic(connected.kafka())) {
      List<DeadLetter> letters = DeadLetters.read(raw, dlq.name());
      List<DeadLetter> chosen = new ArrayList<>();
      List<OffsetRanges.Position> already = new ArrayList<>();
      List<OffsetRanges.Position> undecodable = new ArrayList<>();
      for (DeadLetter l : letters) {
        if (offset != null && l.offset() != offset) {
          continue;
        }
        if (l.redriven().isPresent() && !force) {
          refuseIfSingle(
              offset,
              "offset "
                  + l.offset()
                  + " was redriven "
                  + l.redriven().get()
                  + "; pass --force to send it again");
          already.add(l.where());
        } else if (!decodes(l) && !force) {
          refuseIfSingle(
              offset,
              "offset "
                  + l.offset()
                  + " still does not decode as its"
                  + " topic's type (`ringrift events dlq show "
                  + dlq.name()
                  + " --offset "
                  + l.offset()
                  + "`); it would come straight back; pass --force to send it anyway");
          undecodable.add(l.where());
        } else {
          chosen.add(l);
        }
      }
      if (offset != null && chosen.isEmpty() && already.isEmpty() && undecodable.isEmpty()) {
        throw new Refused(
            "no dead letter at offset "
                + offset
                + " of "
                + dlq.name()
                + "; `ringrift events dlq show "
                + dlq.name()
                + "` lists them");
      }
      return new Outcome(
          send(copier.producer(), chosen), List.copyOf(already), List.copyOf(undecodable));
    }
  }

  private List<RedriveMarker> send(
      KafkaProducer<byte[], byte[]> producer, List<DeadLetter> chosen) {
    if (chosen.isEmpty()) {
      return List.of();
    }
    List<RedriveMarker> sent = new ArrayList<>();
    producer.beginTransaction();
    try {
      for (DeadLetter l : chosen) {
        RecordMetadata to = producer.send(republished(l)).get();
        RedriveMarker marker =
            new RedriveMarker(
                l.position(),
                to.topic() + "-" + to.partition() + "@" + to.offset(),
                Instant.now(),
                Connected.operator(),
                l.failedIn().orElse(null));
        producer
            .send(
                new ProducerRecord<>(
                    dlq.name(), l.record().partition(), null, null, null, marker.headers()))
            .get();
        sent.add(marker);
      }
      producer.commitTransaction();
      return List.copyOf(sent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      producer.abortTransaction();
      throw new Refused("interrupted; nothing was redriven");
    } catch (ExecutionException | RuntimeException e) {
      abortQuietly(producer);
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new Refused(
          "redrive of " + dlq.name() + " failed, nothing was redriven: " + cause.getMessage());
    }
  }

  /**
   * The original key and value, headers without the dead-letter ones plus where it came from and
   * the group it is for.
   */
  private ProducerRecord<byte[], byte[]> republished(DeadLetter l) {
    String topic = l.originalTopic();
    if (topic == null || connected.catalog().find(topic).isEmpty()) {
      throw new Refused(
          "dead letter at offset "
              + l.offset()
              + " names no catalog topic to go"
              + " back to (original topic: "
              + topic
              + ")");
    }
    RecordHeaders headers = new RecordHeaders();
    for (Header h : l.record().headers()) {
      if (!h.key().startsWith(DeadLetterHeaders.PREFIX)
          && !h.key().startsWith("ringrift.redrive.")) {
        headers.add(h);
      }
    }
    headers.add(
        RedriveMarker.FROM, (dlq.name() + "-" + l.position()).getBytes(StandardCharsets.UTF_8));
    l.failedIn()
        .ifPresent(
            group -> headers.add(RedriveTarget.HEADER, group.getBytes(StandardCharsets.UTF_8)));
    return new ProducerRecord<>(topic, null, l.record().key(), l.record().value(), headers);
  }

  private boolean decodes(DeadLetter l) {
    try {
      Class<? extends SpecificRecord> type =
          connected.catalog().topic(l.originalTopic()).valueType().orElseThrow();
      connected.serdes().key().deserializer().deserialize(l.originalTopic(), l.record().key());
      return connected
              .serdes()
              .value(type)
              .deserializer()
              .deserialize(l.originalTopic(), l.record().headers(), l.record().value())
          != null;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void refuseIfSingle(Long offset, String message) {
    if (offset != null) {
      throw new Refused(message);
    }
  }

  private static void abortQuietly(KafkaProducer<byte[], byte[]> producer) {
    try {
      producer.abortTransaction();
    } catch (RuntimeException e) {
      // fenced or closed: the transaction is aborted by the coordinator anyway
    }
  }
}
