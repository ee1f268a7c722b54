package ai.ringrift.stages.action;

/** Which kind of action a stage runs. */
public enum ActionKind {
  /** An external program from a command template (production). */
  COMMAND,
  /** The simulated RingRift workload (the embedded run and tests). */
  SIMULATION
}
