package ai.ringrift.registry.internal;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's registry modes: READWRITE (the default), READONLY (no writes to the subject),
 * READONLY_OVERRIDE (global only: read-only whatever the subjects say) and IMPORT (registrations
 * must bring their id and version, to copy another registry).
 */
public enum Mode {
  READWRITE,
  READONLY,
  READONLY_OVERRIDE,
  IMPORT;

  /** The mode named {@code name} (any case), if it is one. */
  public static Optional<Mode> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Writes to the subject are refused in this mode. */
  public boolean readOnly() {
    return this == READONLY || this == READONLY_OVERRIDE;
  }
}
