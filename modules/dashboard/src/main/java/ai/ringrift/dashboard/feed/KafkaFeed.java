package ai.ringrift.dashboard.feed;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.history.HistoryException;
import ai.ringrift.client.history.RecordDecoder;
import ai.ringrift.client.history.RecordedEvent;
import ai.ringrift.client.history.TopicReader;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.dashboard.view.FeedStatus;
import ai.ringrift.dashboard.view.LoopView;
import ai.ringrift.events.catalog.TopicCatalog;
import ai.ringrift.events.catalog.TopicKind;
import ai.ringrift.events.catalog.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's one reader of the topics: every event, state and dead-letter topic of the
 * catalog, followed with the group-less {@link TopicReader} on one thread (it commits nothing and
 * joins no group, so it never disturbs a service) and fed into the {@link LoopView}. Event topics
 * are read from {@code historyHours} back (or all they hold), state and dead-letter topics from
 * their beginning. Topics the cluster does not have yet are looked for again every half minute.
 */
public final class KafkaFeed implements AutoCloseable {
  private static final Logger LOGGER = LoggerFactory.getLogger(KafkaFeed.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration RETRY_MISSING = Duration.ofSeconds(30);
  private static final Duration BACKOFF = Duration.ofSeconds(2);
  private static final Duration REPORT_EVERY = Duration.ofSeconds(1);

  private final KafkaSettings kafka;
  private final TopicCatalog catalog;
  private final LoopView view;
  private final Clock clock;
  private final int historyHours;
  private final RecordDecoder decoder;
  private final DeadLetterDecoder deadLetters;
  private final Map<String, TopicSpec> followed = new HashMap<>();
  private final List<TopicSpec> missing = new ArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile TopicReader reader;
  private Map<TopicPartition, Long> catchUpTo = new HashMap<>();
  private boolean caughtUp;
  private long records;
  private String error;
  private long lastReport;

  /**
   * A feed of {@code view} from the catalog's topics on {@code kafka}; {@link #start()} starts it.
   */
  public KafkaFeed(
      KafkaSettings kafka,
      TopicCatalog catalog,
      EventSerdes serdes,
      LoopView view,
      int historyHours,
      Clock clock) {
    // a change shows as soon as it is committed: the broker answers an idle fetch within 50 ms
    this.kafka =
        kafka
            .with(ConsumerConfig.CLIENT_ID_CONFIG, "ringrift-dashboard-feed")
            .with(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    this.catalog = catalog;
    this.view = view;
    this.clock = clock;
    this.historyHours = historyHours;
    List<TopicSpec> decodable =
        catalog.topics().stream()
            .filter(t -> t.kind() != TopicKind.DLQ && t.valueType().isPresent())
            .toList();
    this.decoder = new RecordDecoder(serdes, decodable);
    this.deadLetters = new DeadLetterDecoder(catalog, serdes);
    this.thread = new Thread(this::run, "dashboard-feed");
    this.thread.setDaemon(true);
  }

  /** Starts reading on its own thread. */
  public KafkaFeed start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try (TopicReader opened = new TopicReader(kafka, METADATA_TIMEOUT)) {
        reader = opened;
        follow(opened);
        long nextLook = System.nanoTime() + RETRY_MISSING.toNanos();
        while (running) {
          for (ConsumerRecord<byte[], byte[]> record : opened.poll(POLL)) {
            dispatch(record);
          }
          checkCaughtUp(opened);
          if (!missing.isEmpty() && System.nanoTime() > nextLook) {
            lookForMissing(opened);
            nextLook = System.nanoTime() + RETRY_MISSING.toNanos();
          }
          error = null;
          if (System.nanoTime() - lastReport > REPORT_EVERY.toNanos()) {
            report();
          }
        }
      } catch (KafkaException | HistoryException e) {
        if (!running) {
          return;
        }
        error = e.getMessage();
        report();
        LOGGER.warn("dashboard feed: {}; reading again in {} s", e.toString(), BACKOFF.toSeconds());
        followed.clear();
        sleep(BACKOFF);
      }
    }
  }

  /** Assigns every catalog topic the cluster has (a new reader starts over: the view dedupes). */
  private void follow(TopicReader opened) {
    missing.clear();
    catchUpTo = new HashMap<>();
    caughtUp = false;
    add(opened, catalog.topics().stream().filter(t -> t.kind() != TopicKind.INTERNAL).toList());
  }

  private void add(TopicReader opened, List<TopicSpec> topics) {
    Map<TopicSpec, List<TopicPartition>> found = new LinkedHashMap<>();
    Map<TopicPartition, Long> all = new HashMap<>();
    for (TopicSpec topic : topics) {
      try {
        List<TopicPartition> partitions = opened.partitions(topic.name());
        found.put(topic, partitions);
        partitions.forEach(p -> all.put(p, 0L));
      } catch (HistoryException e) {
        missing.add(topic);
      }
    }
    if (all.isEmpty()) {
      return;
    }
    // assigned before their offsets are asked for, so the consumer keeps what it learns
    opened.follow(all);
    Map<TopicPartition, Long> ends = opened.ends(all.keySet());
    Map<TopicPartition, Long> beginnings = opened.beginnings(all.keySet());
    long since = clock.millis() - Duration.ofHours(historyHours).toMillis();
    Map<TopicPartition, Long> starts = new HashMap<>();
    found.forEach(
        (topic, partitions) -> {
          if (topic.kind() == TopicKind.EVENT && historyHours > 0) {
            starts.putAll(opened.offsetsAt(partitions, since, ends));
          } else {
            partitions.forEach(p -> starts.put(p, beginnings.get(p)));
          }
          followed.put(topic.name(), topic);
          if (topic.kind() == TopicKind.DLQ) {
            view.deadLetterTopic(topic.name());
          }
        });
    opened.follow(starts);
    catchUpTo.putAll(ends);
  }

  private void lookForMissing(TopicReader opened) {
    List<TopicSpec> again = List.copyOf(missing);
    missing.clear();
    add(opened, again);
    if (missing.size() < again.size()) {
      LOGGER.info("dashboard feed: now following {} more topics", again.size() - missing.size());
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> record) {
    records++;
    TopicSpec topic = followed.get(record.topic());
    if (topic == null) {
      return;
    }
    if (topic.kind() == TopicKind.DLQ) {
      deadLetters.decode(record).ifPresent(view::deadLetter);
      return;
    }
    if (record.value() == null) {
      if (topic.kind() == TopicKind.STATE && record.key() != null) {
        view.removed(record.topic(), new String(record.key(), StandardCharsets.UTF_8));
      }
      return;
    }
    Optional<RecordedEvent<SpecificRecord>> event = decoder.decode(record);
    event.ifPresent(e -> view.record(topic.kind(), e));
  }

  private void checkCaughtUp(TopicReader opened) {
    if (caughtUp) {
      return;
    }
    for (Map.Entry<TopicPartition, Long> end : catchUpTo.entrySet()) {
      if (opened.position(end.getKey()) < end.getValue()) {
        return;
      }
    }
    caughtUp = true;
    report();
    LOGGER.info("dashboard feed caught up: {} records read", records);
  }

  private void report() {
    lastReport = System.nanoTime();
    view.feed(
        new FeedStatus(
            caughtUp,
            records,
            decoder.undecodable(),
            missing.stream().map(TopicSpec::name).sorted().toList(),
            error));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops reading and waits for the reader to close. */
  @Override
  public void close() {
    running = false;
    TopicReader current = reader;
    if (current != null) {
      current.wakeup();
    }
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
