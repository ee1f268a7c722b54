package ai.ringrift.stages.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The game files under a directory, as {@link GameFiles#list(Path)} lists them, kept between calls:
 * a directory whose modification time has not changed since it was listed is not listed again, so a
 * call costs a {@code stat} per directory plus a listing of the directories that changed, not a
 * {@code stat} per game file.
 *
 * <p>Why no new file is missed: a file appears in a directory only by a new entry (created, or
 * renamed in as {@link AtomicFiles} and rsync do), and a new entry sets the directory's
 * modification time to the time of the change. The time is read before the listing, so a change
 * after the listing gives a time after the listing began. A listing is trusted only when the
 * directory's time is older than the listing's start by more than {@link #GRANULARITY}: a change in
 * the same tick of a coarse clock as the time read (which would leave the time unchanged) lists the
 * directory again. A file's own time (the order) is taken when its directory is listed; game files
 * are written whole and never changed in place.
 *
 * <p>{@code clock} must be the file system's clock (the system's). Thread-safe.
 */
public final class GameIndex {
  /** A directory changed within this of a listing is listed again next time. */
  static final Duration GRANULARITY = Duration.ofSeconds(2);

  private record Entry(Path file, FileTime modified) {}

  private record Listing(
      FileTime modified, List<Entry> files, List<Path> directories, boolean trusted) {}

  private final Path root;
  private final Clock clock;
  private final Map<Path, Listing> listings = new HashMap<>();
  private long directoriesListed;

  /** An index of {@code root}, timed by the system clock. */
  public GameIndex(Path root) {
    this(root, Clock.systemUTC());
  }

  GameIndex(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  /** Every game file under the root, oldest first (by modification time, then name). */
  public synchronized List<Path> list() throws IOException {
    if (!Files.isDirectory(root)) {
      listings.clear();
      return List.of();
    }
    Instant start = clock.instant();
    List<Entry> found = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    collect(root, start, found, seen);
    listings.keySet().retainAll(seen);
    return found.stream()
        .sorted(Comparator.comparing(Entry::modified).thenComparing(e -> e.file().toString()))
        .map(Entry::file)
        .toList();
  }

  /** How many directory listings this index has read (what its calls cost). */
  public synchronized long directoriesListed() {
    return directoriesListed;
  }

  private void collect(Path dir, Instant start, List<Entry> found, Set<Path> seen)
      throws IOException {
    seen.add(dir);
    FileTime modified;
    try {
      modified = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return; // gone since its parent was listed
    }
    Listing listing = listings.get(dir);
    if (listing == null || !listing.trusted() || !listing.modified().equals(modified)) {
      listing = read(dir, modified, start);
      listings.put(dir, listing);
    }
    found.addAll(listing.files());
    for (Path sub : listing.directories()) {
      collect(sub, start, found, seen);
    }
  }

  private Listing read(Path dir, FileTime modified, Instant start) throws IOException {
    directoriesListed++;
    List<Entry> files = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(".")) {
          continue; // hidden: rsync's partial dir, temporaries
        }
        BasicFileAttributes own;
        try {
          own = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          continue; // gone meanwhile
        }
        if (own.isDirectory()) {
          directories.add(entry);
        } else if (name.endsWith(GameFiles.SUFFIX) && Files.isRegularFile(entry)) {
          files.add(
              new Entry(
                  entry,
                  own.isSymbolicLink() ? GameFiles.modified(entry) : own.lastModifiedTime()));
        }
      }
    }
    boolean trusted = modified.toInstant().isBefore(start.minus(GRANULARITY));
    return new Listing(modified, List.copyOf(files), List.copyOf(directories), trusted);
  }
}
