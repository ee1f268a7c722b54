package ai.ringrift.stages.action;

import java.util.OptionalDouble;

/**
 * One progress report of a training run.
 *
 * @param epoch the epoch just finished, from 1
 * @param totalEpochs the epochs planned, or 0 when the trainer does not say
 * @param loss training loss after the epoch
 * @param valLoss validation loss, when the trainer reports one
 */
public record Progress(int epoch, int totalEpochs, double loss, OptionalDouble valLoss) {
  public Progress {
    if (epoch < 0 || totalEpochs < 0) {
      throw new IllegalArgumentException(
          "epoch and totalEpochs must not be negative: " + epoch + "/" + totalEpochs);
    }
    valLoss = valLoss == null ? OptionalDouble.empty() : valLoss;
  }
}
