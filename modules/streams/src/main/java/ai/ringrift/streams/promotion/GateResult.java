package ai.ringrift.streams.promotion;

/**
 * What one gate said.
 *
 * @param gate the gate's name, e.g. {@code cooldown}
 * @param passed whether the candidate passed it
 * @param actual the measured value
 * @param threshold the value it was held against
 * @param reason for people: what was measured against what
 */
public record GateResult(
    String gate, boolean passed, double actual, double threshold, String reason) {
  static GateResult pass(String gate, double actual, double threshold, String reason) {
    return new GateResult(gate, true, actual, threshold, reason);
  }

  static GateResult fail(String gate, double actual, double threshold, String reason) {
    return new GateResult(gate, false, actual, threshold, reason);
  }
}
