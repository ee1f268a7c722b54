package ai.ringrift.admin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The cluster options of a command that has no config-key filter: its {@code --config} is the
 * config directory (as {@code --config-dir}).
 */
public final class ConnectionOptions extends ClusterOptions {
  @Option(
      names = {"--config", "--config-dir"},
      paramLabel = "DIR",
      description = CONFIG_DIR_HELP)
  void configDirectory(Path directory) {
    this.configDirectory = directory;
  }
}
