package ai.ringrift.client.subscribe;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.publish.PublisherSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;

/** What a built subscriber runs with: the builder's choices, defaults resolved. */
record SubscriberConfig(
    String name,
    KafkaSettings kafka,
    TopicCatalog catalog,
    SubscriberSettings settings,
    PublisherSettings deadLetterSettings,
    Map<String, Subscription<? extends SpecificRecord>> byTopic,
    Predicate<SpecificRecord> filter,
    Clock clock,
    MetricRegistry metrics,
    EventSerdes serdes,
    Duration wireCheckTimeout) {}
