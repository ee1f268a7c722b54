package ai.ringrift.stages.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our NPY/NPZ writer and reader against files NumPy wrote (fixtures in test resources). */
class NpzFormatTest {
  static final Path NUMPY = Path.of("src/test/resources/npz/numpy-savez.npz");

  @TempDir Path dir;

  @Test
  void readsWhatNumpySavezWrote() throws IOException {
    assertThat(NpzReader.names(NUMPY)).containsExactly("features", "policy", "values", "game_ids");
    assertThat(NpzReader.headers(NUMPY).get("features"))
        .isEqualTo(NpyHeader.of(NpyType.FLOAT32, 3, 2, 4));
    assertThat(NpzReader.headers(NUMPY).get("game_ids")).isEqualTo(NpyHeader.of(NpyType.INT64, 3));
    assertThat(NpzReader.readDoubles(NUMPY, "values")).containsExactly(1.0, -1.0, 0.0);
    assertThat(NpzReader.readDoubles(NUMPY, "features")[23]).isEqualTo(23 / 8.0);
    assertThat(NpzReader.readDoubles(NUMPY, "game_ids")).containsExactly(7, 8, 9);
  }

  @Test
  void readsWhatNumpySavezCompressedWrote() throws IOException {
    Path npz = Path.of("src/test/resources/npz/numpy-nan-compressed.npz");

    assertThat(NpzReader.readDoubles(npz, "policy")).hasSize(12);
    assertThat(NpzReader.readDoubles(npz, "features")[1 * 8 + 1 * 4 + 2]).isNaN();
  }

  @Test
  void encodesHeadersByteForByteAsNumpyDoes() throws IOException {
    try (ZipFile zip = new ZipFile(NUMPY.toFile())) {
      for (String name : List.of("features", "values", "game_ids")) {
        NpyHeader header = NpzReader.headers(NUMPY).get(name);
        byte[] encoded = header.encode();
        try (InputStream in = zip.getInputStream(new ZipEntry(name + ".npy"))) {
          assertThat(in.readNBytes(encoded.length)).as(name).isEqualTo(encoded);
        }
        assertThat(encoded.length % 64).isZero();
      }
    }
  }

  @Test
  void roundTripsEveryTypeThroughAnArchive() throws IOException {
    Path npz = dir.resolve("shard.npz");
    try (OutputStream out = Files.newOutputStream(npz);
        NpzWriter writer = new NpzWriter(out)) {
      try (NpyArrayWriter a = writer.array("features", NpyHeader.of(NpyType.FLOAT32, 2, 3))) {
        for (int i = 0; i < 6; i++) {
          a.putFloat(i * 0.5f);
        }
      }
      try (NpyArrayWriter a = writer.array("values", NpyHeader.of(NpyType.FLOAT64, 2))) {
        a.putDouble(-1.0);
        a.putDouble(1e300);
      }
      try (NpyArrayWriter a = writer.array("moves", NpyHeader.of(NpyType.INT32, 2))) {
        a.putInt(-7);
        a.putInt(Integer.MAX_VALUE);
      }
      try (NpyArrayWriter a = writer.array("ids", NpyHeader.of(NpyType.INT64, 1))) {
        a.putLong(Long.MIN_VALUE);
      }
      try (NpyArrayWriter a = writer.array("mask", NpyHeader.of(NpyType.UINT8, 2))) {
        a.putByte((byte) 255);
        a.putByte((byte) 1);
      }
    }

    assertThat(NpzReader.readDoubles(npz, "features")).containsExactly(0, 0.5, 1, 1.5, 2, 2.5);
    assertThat(NpzReader.readDoubles(npz, "values")).containsExactly(-1.0, 1e300);
    assertThat(NpzReader.readDoubles(npz, "moves")).containsExactly(-7, Integer.MAX_VALUE);
    assertThat(NpzReader.readDoubles(npz, "mask")).containsExactly(255, 1);
    assertThat(NpzReader.headers(npz).get("ids").shapeText()).isEqualTo("(1,)");
  }

  @Test
  void refusesToCloseAnArrayWithFewerElementsThanItsShape() throws IOException {
    try (OutputStream out = Files.newOutputStream(dir.resolve("x.npz"))) {
      NpzWriter writer = new NpzWriter(out);
      NpyArrayWriter a = writer.array("values", NpyHeader.of(NpyType.FLOAT32, 3));
      a.putFloat(1f);

      assertThatThrownBy(a::close).hasMessage("values: wrote 1 of 3 elements for shape (3,)");
    }
  }

  @Test
  void refusesMoreElementsThanTheShapeOrTheWrongType() throws IOException {
    try (OutputStream out = Files.newOutputStream(dir.resolve("x.npz"))) {
      NpyArrayWriter a = new NpzWriter(out).array("values", NpyHeader.of(NpyType.FLOAT32, 1));
      assertThatThrownBy(() -> a.putDouble(1.0)).hasMessage("values holds FLOAT32, not FLOAT64");
      a.putFloat(1f);
      assertThatThrownBy(() -> a.putFloat(2f))
          .hasMessage("values: more than 1 elements for shape (1,)");
    }
  }

  @Test
  void parsesHeadersOfEveryVersionAndOrder() throws IOException {
    NpyHeader big = NpyHeader.parse("{'descr': '>i8', 'fortran_order': True, 'shape': (4L, 5L), }");
    assertThat(big.type()).isEqualTo(NpyType.INT64);
    assertThat(big.order()).isEqualTo(java.nio.ByteOrder.BIG_ENDIAN);
    assertThat(big.fortranOrder()).isTrue();
    assertThat(big.shape()).containsExactly(4L, 5L);
    assertThat(
            NpyHeader.parse("{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
                .elementCount())
        .isEqualTo(1);
    assertThat(
            NpyHeader.read(new ByteArrayInputStream(NpyHeader.of(NpyType.BOOL, 0).encode()))
                .shape())
        .containsExactly(0L);
  }

  @Test
  void refusesWhatIsNotAnNpyArray() {
    byte[] notNpy = Arrays.copyOf("PK\3\4 something else".getBytes(), 64);

    assertThatThrownBy(() -> NpyHeader.read(new ByteArrayInputStream(notNpy)))
        .isInstanceOf(NpyFormatException.class)
        .hasMessageStartingWith("not an NPY array: bad magic");
    assertThatThrownBy(
            () -> NpyHeader.parse("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }"))
        .hasMessageStartingWith("unsupported dtype 'c16'");
    assertThatThrownBy(() -> NpyHeader.parse("{'descr': '<f4', 'shape': (1,), }"))
        .hasMessageStartingWith("NPY header lacks descr, fortran_order or shape");
  }
}
