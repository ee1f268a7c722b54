package ai.ringrift.client.publish;

import ai.ringrift.client.metrics.MetricNames;
import ai.ringrift.events.catalog.TopicSpec;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import org.apache.avro.specific.SpecificRecord;

/** The publisher's view of one event type: its {@link RecordRoute} and its counters. */
final class Route<T extends SpecificRecord> {
  final RecordRoute<T> records;
  final TopicSpec topic;
  final String typeName;
  final Class<T> type;
  final Counter published;
  final Counter failed;

  Route(RecordRoute<T> records, MetricRegistry metrics) {
    this.records = records;
    this.topic = records.topic;
    this.typeName = records.typeName;
    this.type = records.type;
    this.published = metrics.counter(MetricNames.published(typeName));
    this.failed = metrics.counter(MetricNames.publishFailed(typeName));
  }
}
