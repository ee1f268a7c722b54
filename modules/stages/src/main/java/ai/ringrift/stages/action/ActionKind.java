package ai.ringrift.stages.action;

/** Which kind of action a stage runs. */
public enum ActionKind {
  /** An external program from a command template (production). */
  COMMAND,
  /** The simulated RingRift workload (the embedded run and tests). */
  SIMULATION,
  /**
   * An action an {@link ActionPlugin} on the classpath registers under a name (found with {@link
   * java.util.ServiceLoader}), e.g. the benchmarks' instant actions; never a production default.
   */
  PLUGIN
}
