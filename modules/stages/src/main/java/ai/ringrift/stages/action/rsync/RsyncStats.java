package ai.ringrift.stages.action.rsync;

import ai.ringrift.stages.action.ResultFormatException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rsync's {@code --stats} block says it did.
 *
 * @param filesTransferred regular files sent (created or updated)
 * @param bytesTransferred total size of those files
 * @param literalBytes file data sent as is
 * @param matchedBytes file data the receiver already had (a resumed partial file, an older copy)
 * @param bytesSent bytes on the wire from the sender, protocol included
 * @param bytesReceived bytes on the wire to the sender
 */
public record RsyncStats(
    long filesTransferred,
    long bytesTransferred,
    long literalBytes,
    long matchedBytes,
    long bytesSent,
    long bytesReceived) {

  private static final Pattern LINE =
      Pattern.compile("^([A-Za-z][A-Za-z ]+?):\\s+([0-9][0-9,.]*)\\b");

  /**
   * Parses the stats from rsync's output lines.
   *
   * @throws ResultFormatException when the lines hold no stats block (rsync older than 2.6, or the
   *     output was cut)
   */
  public static RsyncStats parse(List<String> lines) {
    Map<String, Long> values = new HashMap<>();
    for (String line : lines) {
      Matcher m = LINE.matcher(line.strip());
      if (m.find()) {
        values.put(m.group(1), Long.parseLong(m.group(2).replace(",", "").replace(".", "")));
      }
    }
    Long files =
        values.getOrDefault(
            "Number of regular files transferred", values.get("Number of files transferred"));
    Long bytes = values.get("Total transferred file size");
    if (files == null || bytes == null) {
      throw new ResultFormatException(
          "rsync printed no --stats block (no 'Number of regular files transferred' or"
              + " 'Total transferred file size' line)");
    }
    return new RsyncStats(
        files,
        bytes,
        values.getOrDefault("Literal data", 0L),
        values.getOrDefault("Matched data", 0L),
        values.getOrDefault("Total bytes sent", 0L),
        values.getOrDefault("Total bytes received", 0L));
  }
}
