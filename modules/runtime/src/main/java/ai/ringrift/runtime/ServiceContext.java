package ai.ringrift.runtime;

import ai.ringrift.client.KafkaSettings;
import ai.ringrift.client.serde.EventSerdes;
import ai.ringrift.config.ConfigSource;
import ai.ringrift.events.catalog.TopicCatalog;

/**
 * Everything a component needs to start: where its config comes from, how to reach Kafka, the
 * catalog, the serdes and the runtime it reports to.
 *
 * @param config the config directory
 * @param kafka cluster connection
 * @param catalog the topic catalog
 * @param serdes the serdes every producer and consumer uses
 * @param runtime metrics, health, status endpoint and lifecycle
 */
public record ServiceContext(
    ConfigSource config,
    KafkaSettings kafka,
    TopicCatalog catalog,
    EventSerdes serdes,
    ServiceRuntime runtime) {}
