package ai.ringrift.client.security;

import ai.ringrift.config.ConfigException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A name pattern of {@code config/security.yaml}: an exact name, {@code prefix*} for every name
 * starting with the prefix, or {@code *} for every name; maps one to one onto a Kafka resource
 * pattern (LITERAL, PREFIXED, LITERAL {@code *}).
 *
 * @param text the pattern as written
 */
public record NamePattern(String text) {
  /** Kafka's wildcard resource name. */
  public static final String ANY = "*";

  public NamePattern {
    if (text == null || text.isBlank()) {
      throw new ConfigException("pattern", "must not be blank");
    }
    int star = text.indexOf('*');
    if (star >= 0 && star != text.length() - 1) {
      throw new ConfigException(
          "pattern", "'" + text + "' may have '*' only at its end (prefix*), or be '*' alone");
    }
  }

  /** Whether this is {@code prefix*} (a prefix other than the empty one). */
  public boolean isPrefix() {
    return text.endsWith("*") && text.length() > 1;
  }

  /** Whether this is {@code *}. */
  public boolean isAny() {
    return text.equals(ANY);
  }

  /** The name, or the prefix without its {@code *}. */
  public String name() {
    return isPrefix() ? text.substring(0, text.length() - 1) : text;
  }

  /** Whether {@code candidate} is one of the names this pattern stands for. */
  public boolean matches(String candidate) {
    if (isAny()) {
      return true;
    }
    return isPrefix() ? candidate.startsWith(name()) : candidate.equals(text);
  }

  /** The Kafka resource pattern of this name pattern for resources of {@code type}. */
  public ResourcePattern resource(ResourceType type) {
    return new ResourcePattern(
        type, name(), isPrefix() ? PatternType.PREFIXED : PatternType.LITERAL);
  }

  @Override
  public String toString() {
    return text;
  }
}
