package ai.ringrift.streams.promotion;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The gates' results for one evaluation, in order, up to and including the first that failed.
 *
 * @param gates the results
 */
public record GateReport(List<GateResult> gates) {
  public GateReport {
    gates = List.copyOf(gates);
  }

  /** Whether every gate passed. */
  public boolean passed() {
    return firstFailure().isEmpty();
  }

  /** The gate that rejected the candidate, if one did. */
  public Optional<GateResult> firstFailure() {
    return gates.stream().filter(g -> !g.passed()).findFirst();
  }

  /** Every gate's reason, for the promotion event. */
  public String summary() {
    return gates.stream().map(g -> g.gate() + ": " + g.reason()).collect(Collectors.joining("; "));
  }
}
