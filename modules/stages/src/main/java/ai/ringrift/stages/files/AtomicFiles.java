package ai.ringrift.stages.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Files that appear whole or not at all: written under a temporary name in the same directory,
 * flushed to disk, then renamed over the target in one step ({@code rename(2)} is atomic on one
 * file system). A reader (selfplay loading a model, a trainer opening an NPZ, rsync picking files
 * up) never sees half a file; a crash leaves the old file, and at worst a stray temporary.
 */
public final class AtomicFiles {
  /** Temporary names start with this, so they are easy to recognise and clean up. */
  public static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /** Writes the content of a file. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically with {@code content}; on failure {@code target} is untouched.
   */
  public static void write(Path target, Content content) throws IOException {
    Path temp = temporarySibling(target);
    try {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        content.writeTo(out);
      }
      sync(temp);
      replace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Copies {@code source} over {@code target} atomically. */
  public static void copy(Path source, Path target) throws IOException {
    Path temp = temporarySibling(target);
    try {
      Files.copy(source, temp, StandardCopyOption.COPY_ATTRIBUTES);
      sync(temp);
      replace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Renames {@code temp} over {@code target} in one step. */
  public static void replace(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** A fresh temporary name in {@code target}'s directory (created if missing). */
  public static Path temporarySibling(Path target) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    return parent.resolve(TEMP_PREFIX + target.getFileName() + "-" + UUID.randomUUID());
  }

  private static void sync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }
}
