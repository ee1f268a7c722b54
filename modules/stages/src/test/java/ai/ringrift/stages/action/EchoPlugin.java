package ai.ringrift.stages.action;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A test plugin, registered in the test resources: its actions answer with their key and config.
 */
public final class EchoPlugin implements ActionPlugin {
  @Override
  public String name() {
    return "echo";
  }

  @Override
  public Action create(String key, Set<String> placeholders) {
    if (key.startsWith("promotion")) {
      throw new IllegalArgumentException("echo has no action for " + key);
    }
    return request -> ActionResult.succeeded(values(key, request.require("config")), Duration.ZERO);
  }

  static ResultValues values(String key, String config) {
    return ResultValues.of(Map.of("key", key, "config", config));
  }
}
