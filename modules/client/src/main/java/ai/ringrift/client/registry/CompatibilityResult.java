package ai.ringrift.client.registry;

import java.util.List;

/**
 * The answer of {@code POST /compatibility/subjects/{s}/versions/{v}?verbose=true}.
 *
 * @param compatible whether the schema may be registered
 * @param messages the registry's reasons when it may not
 */
public record CompatibilityResult(boolean compatible, List<String> messages) {
  public CompatibilityResult {
    messages = List.copyOf(messages);
  }
}
