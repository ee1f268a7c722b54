package ai.ringrift.stages.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.stages.npz.NpyArrayWriter;
import ai.ringrift.stages.npz.NpyHeader;
import ai.ringrift.stages.npz.NpyType;
import ai.ringrift.stages.npz.NpzWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export validator reading real NPZ files, NumPy's and ours. */
class NpzValidatorTest {
  static final Path RESOURCES = Path.of("src/test/resources/npz");
  final NpzValidator validator =
      new NpzValidator(new NpzExpectations(List.of("features", "policy", "values"), null));

  @TempDir Path dir;

  @Test
  void acceptsAValidShardAndCountsItsSamples() throws Exception {
    NpzSummary summary = validator.validate(RESOURCES.resolve("numpy-savez.npz"));

    assertThat(summary.samples()).isEqualTo(3);
    assertThat(summary.arrays()).containsKeys("features", "policy", "values", "game_ids");
  }

  @Test
  void refusesNaNNamingTheArrayAndSample() {
    assertThatThrownBy(() -> validator.validate(RESOURCES.resolve("numpy-nan-compressed.npz")))
        .isInstanceOf(InvalidExportException.class)
        .hasMessage("numpy-nan-compressed.npz: features holds NaN at element 14 (sample 1)");
  }

  @Test
  void refusesAnInfinity() throws IOException {
    Path npz = shard(3, 3, 3, Float.NEGATIVE_INFINITY);

    assertThatThrownBy(() -> validator.validate(npz))
        .hasMessageContaining("values holds an infinity at element 0 (sample 0)");
  }

  @Test
  void refusesArraysThatDisagreeOnTheSampleCount() {
    assertThatThrownBy(() -> validator.validate(RESOURCES.resolve("numpy-mismatched.npz")))
        .hasMessage(
            "numpy-mismatched.npz: arrays disagree on the sample count (first dimension):"
                + " features (3, 2, 4), policy (3, 4), values (2,)");
  }

  @Test
  void refusesAShardWithoutSamples() throws IOException {
    Path npz = shard(0, 0, 0, 0f);

    assertThatThrownBy(() -> validator.validate(npz))
        .hasMessage("shard.npz: 0 samples, fewer than the 1 required");
  }

  @Test
  void refusesAShardMissingAnArray() throws IOException {
    Path npz = dir.resolve("partial.npz");
    try (OutputStream out = Files.newOutputStream(npz);
        NpzWriter writer = new NpzWriter(out);
        NpyArrayWriter values = writer.array("values", NpyHeader.of(NpyType.FLOAT32, 1))) {
      values.putFloat(1f);
    }

    assertThatThrownBy(() -> validator.validate(npz))
        .hasMessage("partial.npz: missing arrays [features, policy]; it holds [values]");
  }

  @Test
  void refusesAnArrayWhoseDataIsCutShort() throws IOException {
    Path npz = dir.resolve("cut.npz");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
      zip.putNextEntry(new ZipEntry("values.npy"));
      zip.write(NpyHeader.of(NpyType.FLOAT32, 4).encode());
      zip.write(new byte[10]);
      zip.closeEntry();
    }

    assertThatThrownBy(() -> validator.validate(npz))
        .hasMessage("cut.npz: values: data ends after 2 of 4 elements");
  }

  @Test
  void refusesAFileThatIsNotAnArchive() throws IOException {
    Path npz = Files.writeString(dir.resolve("oops.npz"), "Traceback (most recent call last):\n");

    assertThatThrownBy(() -> validator.validate(npz))
        .hasMessageStartingWith("oops.npz: ")
        .hasMessageContaining("is not an NPZ archive (not a zip file)");
  }

  @Test
  void refusesAMissingFile() {
    assertThatThrownBy(() -> validator.validate(dir.resolve("none.npz")))
        .hasMessageEndingWith("none.npz does not exist");
  }

  private Path shard(int features, int policy, int values, float firstValue) throws IOException {
    Path npz = dir.resolve("shard.npz");
    try (OutputStream out = Files.newOutputStream(npz);
        NpzWriter writer = new NpzWriter(out)) {
      write(writer, "features", features, 0f);
      write(writer, "policy", policy, 0f);
      write(writer, "values", values, firstValue);
    }
    return npz;
  }

  private static void write(NpzWriter writer, String name, int samples, float first)
      throws IOException {
    float[] data = new float[samples];
    Arrays.fill(data, 0.5f);
    if (samples > 0) {
      data[0] = first;
    }
    try (NpyArrayWriter a = writer.array(name, NpyHeader.of(NpyType.FLOAT32, samples))) {
      for (float v : data) {
        a.putFloat(v);
      }
    }
  }
}
