package ai.ringrift.streams.common;

import ai.ringrift.client.subscribe.DeadLetterHeaders;
import ai.ringrift.client.subscribe.Failures;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that cannot be decoded, or whose processing throws, to its topic's dead-letter
 * topic (the catalog's {@code dlqFor(topic)}) with headers naming the error, and lets the app go on
 * with the next record. The dead letter is produced by the app's own (transactional) producer, so
 * under exactly-once it is committed together with the input offset: nothing is lost, nothing is
 * sent twice. A bad record of a compacted state topic (which has no dead-letter topic) is logged
 * and skipped: it stays in its topic. A record from a topic with no route at all (an internal
 * repartition topic) stops the app: that is a bug, not bad input. So does a record of the other
 * wire format ({@link Failures.Kind#MISCONFIGURED}): a setting to fix, not bad data; it is neither
 * dead-lettered nor skipped, and the app reads it again once the setting is fixed.
 *
 * <p>Routes come in the Streams config under {@link #ROUTES_CONFIG} as {@code topic=dlq,...}; build
 * them with {@link DeadLetterRoutes}.
 */
public final class DeadLetterHandler
    implements DeserializationExceptionHandler, ProcessingExceptionHandler {
  /** Streams config key holding the routes, {@code topic=dlq} pairs separated by commas. */
  public static final String ROUTES_CONFIG = "ringrift.dlq.routes";

  private static final Logger LOGGER = LoggerFactory.getLogger(DeadLetterHandler.class);

  private Map<String, String> routes = Map.of();
  private String application = "";

  @Override
  public void configure(Map<String, ?> configs) {
    Object value = configs.get(ROUTES_CONFIG);
    routes = DeadLetterRoutes.parse(value == null ? "" : value.toString());
    Object id = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    application = id == null ? "" : id.toString();
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    if (Failures.classify(exception) == Failures.Kind.MISCONFIGURED) {
      LOGGER.error(
          "app={} topic={} partition={} offset={} stopping (not dead-lettered, not committed): {}",
          application,
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return DeserializationExceptionHandler.Response.fail();
    }
    String dlq = routes.get(record.topic());
    if (dlq == null) {
      LOGGER.error(
          "app={} topic={} offset={} undecodable record and no route for the topic: stopping",
          application,
          record.topic(),
          record.offset(),
          exception);
      return DeserializationExceptionHandler.Response.fail();
    }
    if (dlq.equals(DeadLetterRoutes.SKIP)) {
      LOGGER.error(
          "app={} topic={} partition={} offset={} skipping an undecodable state record: {}",
          application,
          record.topic(),
          record.partition(),
          record.offset(),
          exception.getMessage());
      return DeserializationExceptionHandler.Response.resume();
    }
    Headers headers = new RecordHeaders(record.headers().toArray());
    describe(headers, "deserialization", context, exception);
    LOGGER.warn(
        "app={} topic={} partition={} offset={} dlq={} undecodable record: {}",
        application,
        record.topic(),
        record.partition(),
        record.offset(),
        dlq,
        exception.getMessage());
    return DeserializationExceptionHandler.Response.resume(
        List.of(
            new ProducerRecord<>(
                dlq, null, record.timestamp(), record.key(), record.value(), headers)));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    String dlq = context.topic() == null ? null : routes.get(context.topic());
    if (dlq == null
        || dlq.equals(DeadLetterRoutes.SKIP)
        || context.sourceRawValue() == null
        || Failures.classify(exception) == Failures.Kind.MISCONFIGURED) {
      LOGGER.error(
          "app={} processor={} topic={} processing failed and the record has no DLQ: stopping",
          application,
          context.processorNodeId(),
          context.topic(),
          exception);
      return ProcessingExceptionHandler.Response.fail();
    }
    Headers headers = new RecordHeaders(context.headers().toArray());
    describe(headers, "processing", context, exception);
    LOGGER.warn(
        "app={} processor={} topic={} partition={} offset={} dlq={} processing failed: {}",
        application,
        context.processorNodeId(),
        context.topic(),
        context.partition(),
        context.offset(),
        dlq,
        exception.toString());
    return ProcessingExceptionHandler.Response.resume(
        List.of(
            new ProducerRecord<>(
                dlq,
                null,
                context.timestamp(),
                context.sourceRawKey(),
                context.sourceRawValue(),
                headers)));
  }

  private void describe(
      Headers headers, String failedIn, ErrorHandlerContext context, Exception exception) {
    Map<String, String> values = new HashMap<>();
    values.put(DeadLetterHeaders.ORIGINAL_TOPIC, context.topic());
    values.put(DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(context.partition()));
    values.put(DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(context.offset()));
    values.put(DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(context.timestamp()));
    values.put(DeadLetterHeaders.EXCEPTION_CLASS, exception.getClass().getName());
    values.put(DeadLetterHeaders.EXCEPTION_MESSAGE, String.valueOf(exception.getMessage()));
    values.put(DeadLetterHeaders.ATTEMPTS, "1");
    values.put(DeadLetterHeaders.FIRST_FAILURE, Instant.now().toString());
    values.put(DeadLetterHeaders.REASON, "POISON");
    values.put(DeadLetterHeaders.SUBSCRIBER, application);
    values.put(DeadLetterHeaders.FAILED_IN, failedIn);
    values.put(DeadLetterHeaders.PROCESSOR, String.valueOf(context.processorNodeId()));
    values.forEach((name, value) -> DeadLetterHeaders.put(headers, name, value));
  }
}
