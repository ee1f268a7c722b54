package ai.ringrift.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A main class of the test classpath in a JVM of its own, for tests that must kill a process the
 * hard way (SIGKILL: no shutdown hook, no goodbye to the broker) or stop it as an operator would.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * A process builder for {@code java <jvmOptions> -cp <this classpath> <main> <args>}; add
   * redirects and environment, then {@code start()}.
   */
  public static ProcessBuilder command(List<String> jvmOptions, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
