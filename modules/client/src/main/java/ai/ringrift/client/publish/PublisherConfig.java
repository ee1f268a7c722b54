package ai.ringrift.client.publish;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.events.catalog.TopicCatalog;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;

/** What a built publisher runs with: the builder's choices, defaults resolved. */
record PublisherConfig(
    KafkaSettings kafka,
    TopicCatalog catalog,
    EventSerdes serdes,
    PublisherSettings settings,
    String source,
    Clock clock,
    MetricRegistry metrics) {}
