package ai.ringrift.admin.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The cluster options of a command whose {@code --config} names a config key ({@code square8_2p}):
 * the config directory is {@code --config-dir} only.
 */
public final class ScopedConnectionOptions extends ClusterOptions {
  @Option(names = "--config-dir", paramLabel = "DIR", description = CONFIG_DIR_HELP)
  void configDirectory(Path directory) {
    this.configDirectory = directory;
  }
}
