package ai.ringrift.registry.compat;

import java.util.Locale;
import java.util.Optional;

/** Confluent's compatibility levels; BACKWARD is the default. */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  private final boolean backward;
  private final boolean forward;
  private final boolean transitive;

  CompatibilityLevel(boolean backward, boolean forward, boolean transitive) {
    this.backward = backward;
    this.forward = forward;
    this.transitive = transitive;
  }

  /** The new schema must read data written with the old one(s). */
  public boolean backward() {
    return backward;
  }

  /** The old schema(s) must read data written with the new one. */
  public boolean forward() {
    return forward;
  }

  /** Checked against every earlier version, not only the latest. */
  public boolean transitive() {
    return transitive;
  }

  /** The level named {@code name} (any case), if it is one. */
  public static Optional<CompatibilityLevel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
