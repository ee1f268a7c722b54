package ai.ringrift.client.publish;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.EventHeader;
import ai.ringrift.events.TrainingCompleted;
import ai.ringrift.events.TrainingFailed;
import ai.ringrift.events.TrainingProgress;
import ai.ringrift.events.TrainingStarted;
import ai.ringrift.events.contract.Events;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/**
 * The events of one training job of one config: started, progress, completed or failed. They share
 * one trace id; once {@link #started} was published, the later events name it as their cause, so a
 * dashboard can follow a job from its trigger to its model.
 *
 * <p>Obtain one from {@link EventPublisher#trainingRun}; use {@link #causedBy} when the job reacts
 * to an event (say, the export that produced its data). Thread-safe.
 */
public final class TrainingRun {
  private final EventPublisher publisher;
  private final ConfigKey config;
  private final String jobId;
  private final Lineage lineage;
  private volatile Lineage afterStart;

  TrainingRun(EventPublisher publisher, ConfigKey config, String jobId, Lineage lineage) {
    this.publisher = publisher;
    this.config = Objects.requireNonNull(config, "config");
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.lineage = lineage;
  }

  /** The same job as a reaction to {@code trigger}: its trace, named as the cause of started. */
  public TrainingRun causedBy(SpecificRecord trigger) {
    EventHeader cause =
        Events.header(trigger)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        Events.typeName(trigger) + " has no header to react to"));
    return new TrainingRun(publisher, config, jobId, Lineage.reactingTo(cause));
  }

  /** The job's id. */
  public String jobId() {
    return jobId;
  }

  /** Training started with the default batch size of 512 on no particular node. */
  public CompletableFuture<PublishedEvent> started(String dataPath, String modelPath, int epochs) {
    return started(dataPath, modelPath, epochs, 512, null);
  }

  /** Training started; {@code node} may be null. */
  public CompletableFuture<PublishedEvent> started(
      String dataPath, String modelPath, int epochs, int batchSize, String node) {
    TrainingStarted event =
        TrainingStarted.newBuilder()
            .setHeader(header(lineage))
            .setConfig(config)
            .setJobId(jobId)
            .setDataPath(dataPath)
            .setModelPath(modelPath)
            .setEpochs(epochs)
            .setBatchSize(batchSize)
            .setNode(node)
            .build();
    afterStart = Lineage.reactingTo(event.getHeader());
    return publisher.publish(event);
  }

  /** One epoch done; {@code valLoss} may be null. */
  public CompletableFuture<PublishedEvent> progress(
      int epoch, int totalEpochs, double loss, Double valLoss) {
    return publisher.publish(
        TrainingProgress.newBuilder()
            .setHeader(header(current()))
            .setConfig(config)
            .setJobId(jobId)
            .setEpoch(epoch)
            .setTotalEpochs(totalEpochs)
            .setLoss(loss)
            .setValLoss(valLoss)
            .build());
  }

  /** The job wrote a candidate model. */
  public CompletableFuture<PublishedEvent> completed(
      String modelId,
      String modelPath,
      int epochs,
      double finalLoss,
      long samplesTrained,
      Duration duration) {
    return publisher.publish(
        TrainingCompleted.newBuilder()
            .setHeader(header(current()))
            .setConfig(config)
            .setJobId(jobId)
            .setModelId(modelId)
            .setModelPath(modelPath)
            .setEpochs(epochs)
            .setFinalLoss(finalLoss)
            .setSamplesTrained(samplesTrained)
            .setDurationSeconds(duration.toMillis() / 1000.0)
            .build());
  }

  /** The job failed; {@code attempt} counts from 1. */
  public CompletableFuture<PublishedEvent> failed(String error, int attempt) {
    return publisher.publish(
        TrainingFailed.newBuilder()
            .setHeader(header(current()))
            .setConfig(config)
            .setJobId(jobId)
            .setError(error)
            .setAttempt(attempt)
            .build());
  }

  private Lineage current() {
    Lineage started = afterStart;
    return started != null ? started : lineage;
  }

  private EventHeader header(Lineage of) {
    return publisher.header(of);
  }
}
