package ai.ringrift.events.contract;

import ai.ringrift.events.ConfigKey;
import ai.ringrift.events.Stage;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a topic's record key is, and how to take it from an event. The key decides the partition, so
 * it decides what stays in order: one config's events, one breaker, one host, one role.
 */
public enum KeyKind {
  /** {@code square8_2p}, from the record's {@code config} field. */
  CONFIG("a config key like square8_2p"),
  /** {@code square8_2p/training}, from the {@code config} and {@code stage} fields. */
  CONFIG_STAGE("a config and stage like square8_2p/training"),
  /** A host name like {@code gpu-node-3}, from the {@code node} field. */
  NODE("a host name like gpu-node-3"),
  /** A role name like {@code BANDWIDTH_ALLOCATOR}, from the {@code role} field. */
  ROLE("a role name like BANDWIDTH_ALLOCATOR");

  private static final Pattern NODE_FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");
  private static final Pattern ROLE_FORM = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  private final String expected;

  KeyKind(String expected) {
    this.expected = expected;
  }

  /** What a valid key looks like, for error messages. */
  public String expected() {
    return expected;
  }

  /** The fields a record needs for this kind of key. */
  public String[] requiredFields() {
    return switch (this) {
      case CONFIG -> new String[] {"config"};
      case CONFIG_STAGE -> new String[] {"config", "stage"};
      case NODE -> new String[] {"node"};
      case ROLE -> new String[] {"role"};
    };
  }

  /** True when {@code schema} has the fields this kind of key is made from. */
  public boolean fits(Schema schema) {
    for (String field : requiredFields()) {
      if (schema.getField(field) == null) {
        return false;
      }
    }
    return true;
  }

  /** The record key of {@code event}. */
  public String keyOf(SpecificRecord event) {
    Schema schema = event.getSchema();
    return switch (this) {
      case CONFIG -> ConfigKeys.format((ConfigKey) field(event, schema, "config"));
      case CONFIG_STAGE ->
          ConfigKeys.format((ConfigKey) field(event, schema, "config"))
              + "/"
              + ((Stage) field(event, schema, "stage")).name().toLowerCase(Locale.ROOT);
      case NODE -> (String) field(event, schema, "node");
      case ROLE -> (String) field(event, schema, "role");
    };
  }

  /** True when {@code key} has this kind's form. */
  public boolean isValid(String key) {
    if (key == null) {
      return false;
    }
    return switch (this) {
      case CONFIG -> ConfigKeys.isValid(key);
      case CONFIG_STAGE -> isConfigStage(key);
      case NODE -> NODE_FORM.matcher(key).matches();
      case ROLE -> ROLE_FORM.matcher(key).matches();
    };
  }

  private static boolean isConfigStage(String key) {
    int slash = key.indexOf('/');
    if (slash < 0 || !ConfigKeys.isValid(key.substring(0, slash))) {
      return false;
    }
    String stage = key.substring(slash + 1);
    for (Stage s : Stage.values()) {
      if (s.name().toLowerCase(Locale.ROOT).equals(stage)) {
        return true;
      }
    }
    return false;
  }

  private Object field(SpecificRecord event, Schema schema, String name) {
    Schema.Field field = schema.getField(name);
    Object value = field == null ? null : event.get(field.pos());
    if (value == null) {
      throw new IllegalArgumentException(
          schema.getName() + " has no " + name + " to make its " + this + " record key from");
    }
    return value;
  }
}
