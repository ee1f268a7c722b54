package ai.ringrift.stages.sync;

import ai.ringrift.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * {@code RINGRIFT_P2P_URL}, the variable RingRift's selfplay hosts set: where the host's game
 * directory can be pulled from, as rsync over ssh reads it. Given as {@code ssh://[user@]host/path}
 * or in rsync's own form {@code [user@]host:/path}; the ssh port, key and options are the sync
 * stage's ({@code sync.rsync.remoteShell}), so a URL with a port is refused. A selfplay worker
 * names {@link #gamesOf(String) gamesOf(config)} as the {@code games_path} of its batches, and the
 * sync stage pulls from there when the host is not in {@code sync.selfplayHosts}.
 *
 * @param location the rsync location of the host's game directory, {@code [user@]host:/path}
 */
public record P2pUrl(String location) {
  /** The environment variable. */
  public static final String ENV = "RINGRIFT_P2P_URL";

  private static final Pattern REMOTE =
      Pattern.compile("([A-Za-z0-9._-]+@)?[A-Za-z0-9][A-Za-z0-9.-]*:/.*");

  public P2pUrl {
    if (!isRemote(location)) {
      throw new ConfigException(ENV, "must be [user@]host:/path, was '" + location + "'");
    }
  }

  /**
   * Parses the variable's value.
   *
   * @throws ConfigException naming {@code RINGRIFT_P2P_URL} for anything else
   */
  public static P2pUrl parse(String value) {
    String text = value == null ? "" : value.trim();
    if (!text.startsWith("ssh://")) {
      if (!isRemote(text)) {
        throw new ConfigException(
            ENV,
            "'"
                + text
                + "' is not a sync endpoint; give ssh://[user@]host/path or [user@]host:/path");
      }
      return new P2pUrl(stripSlash(text));
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new ConfigException(ENV, "'" + text + "' is not a URL: " + e.getReason());
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new ConfigException(ENV, "'" + text + "' needs a host and a path");
    }
    if (uri.getPort() != -1) {
      throw new ConfigException(
          ENV,
          "'"
              + text
              + "' names a port; the ssh port is the sync stage's (sync.rsync.remoteShell, e.g."
              + " ssh -p 2222)");
    }
    String user = uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@";
    return new P2pUrl(user + uri.getHost() + ":" + stripSlash(uri.getPath()));
  }

  /** Whether {@code location} names another host ({@code [user@]host:/path}), not a local path. */
  public static boolean isRemote(String location) {
    return location != null && !location.contains("://") && REMOTE.matcher(location).matches();
  }

  /** The directory of {@code config}'s games on the host. */
  public String gamesOf(String config) {
    return SyncAction.join(location, config);
  }

  private static String stripSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
