package ai.ringrift.registry.internal;

import ai.ringrift.registry.compat.CompatibilityLevel;

/**
 * The config of a subject (or the global one): what {@code PUT /config} sets and a {@code CONFIG}
 * record holds. A null member is not set at this level.
 *
 * @param normalize whether schemas are normalized before registration and lookup
 * @param level the compatibility level
 */
public record SubjectConfig(Boolean normalize, CompatibilityLevel level) {
  /** This config with the members {@code update} sets replaced, as Confluent merges a PUT. */
  public SubjectConfig mergedWith(SubjectConfig update) {
    return new SubjectConfig(
        update.normalize() != null ? update.normalize() : normalize,
        update.level() != null ? update.level() : level);
  }
}
