package ai.ringrift.registry.internal;

import ai.ringrift.registry.compat.CompatibilityLevel;

/**
 * What applies to a subject, as Confluent resolves it: its own config else the global one else the
 * default (BACKWARD, not normalized); its own mode else the global one else READWRITE, except that
 * a global READONLY_OVERRIDE wins over every subject.
 */
final class Scope {
  static final CompatibilityLevel DEFAULT_LEVEL = CompatibilityLevel.BACKWARD;
  private static final String GLOBAL_SUBJECT = "__GLOBAL";

  private Scope() {}

  /** The config in force for {@code subject} (the global one when null), level always set. */
  static SubjectConfig config(RegistryState state, String subject) {
    SubjectConfig config =
        state
            .config(subject)
            .or(() -> state.config(null))
            .orElse(new SubjectConfig(null, DEFAULT_LEVEL));
    return config.level() != null ? config : new SubjectConfig(config.normalize(), DEFAULT_LEVEL);
  }

  static CompatibilityLevel level(RegistryState state, String subject) {
    return config(state, subject).level();
  }

  static boolean normalize(RegistryState state, String subject) {
    return Boolean.TRUE.equals(config(state, subject).normalize());
  }

  /** The mode set on {@code subject} itself, or the overriding global one; null when neither. */
  static Mode ownMode(RegistryState state, String subject) {
    Mode global = state.mode(null).orElse(Mode.READWRITE);
    if (subject == null || global == Mode.READONLY_OVERRIDE) {
      return global;
    }
    return state.mode(subject).orElse(null);
  }

  /** The mode in force for {@code subject}. */
  static Mode mode(RegistryState state, String subject) {
    Mode own = ownMode(state, subject);
    return own != null ? own : state.mode(null).orElse(Mode.READWRITE);
  }

  /** Refuses writes to {@code subject} (null: global) when its mode is read-only. */
  static void requireWritable(RegistryState state, String subject) {
    if (mode(state, subject).readOnly()) {
      throw RegistryError.notPermitted("Subject " + subject + " is in read-only mode");
    }
  }

  /** Confluent's subject check: no control characters, not its reserved global name. */
  static void requireValidSubject(String subject) {
    if (subject == null
        || subject.chars().anyMatch(Character::isISOControl)
        || unqualified(subject).equals(GLOBAL_SUBJECT)) {
      throw RegistryError.invalidSubject(subject);
    }
  }

  /** The context of a subject: {@code .name} for {@code :.name:subject}, else null. */
  static String contextOf(String subject) {
    if (subject.startsWith(":.") && subject.indexOf(':', 2) > 2) {
      return subject.substring(1, subject.indexOf(':', 2));
    }
    return null;
  }

  private static String unqualified(String subject) {
    String context = contextOf(subject);
    return context == null ? subject : subject.substring(context.length() + 2);
  }

  /** A version path parameter: a number from 1, or {@code latest} / {@code -1} (as -1). */
  static int versionId(String spec) {
    String trimmed = spec.trim();
    if (trimmed.equalsIgnoreCase("latest")) {
      return -1;
    }
    try {
      int version = Integer.parseInt(trimmed);
      if (version > 0 || version == -1) {
        return version;
      }
      throw RegistryError.invalidVersion(String.valueOf(version));
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(spec);
    }
  }
}
