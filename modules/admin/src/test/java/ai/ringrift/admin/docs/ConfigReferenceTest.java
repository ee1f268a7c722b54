package ai.ringrift.admin.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is what the generator makes of config/ and the records. */
class ConfigReferenceTest {
  static final Path CONFIG = Path.of("../../config");
  static final Path DOC = Path.of("../../docs/configuration.md");

  @Test
  void theCommittedReferenceIsUpToDate() throws IOException {
    String generated = ConfigReference.render(CONFIG);

    assertThat(Files.exists(DOC) ? Files.readString(DOC) : "")
        .as(
            "docs/configuration.md is stale: run `%s` from the repository root and commit it",
            ConfigReference.REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void everyKeyOfARecordBoundSectionHasItsJavaType() {
    String doc = ConfigReference.render(CONFIG);

    assertThat(doc)
        .contains("| `promotion.cooldownSeconds` | long | `300` |")
        .contains(
            "| `promotion.winRateFloors.hex8_2p` | WinRateFloor | `{random: 0.90, heuristic: 0.85}` |")
        .containsPattern("\\| `training\\.action\\.kind` \\| ActionKind \\([A-Z_ |\\\\]+\\) \\|")
        .contains("| `topics` | List<Entry> | `31 entries` |")
        .contains("| `streams.properties.commit.interval.ms` | String | `25` |");
    for (ConfigReference.Binding b : ConfigReference.BINDINGS) {
      assertThat(doc).as(b.toString()).contains("`" + b.type().getName() + "`");
    }
  }

  @Test
  void commentsAboveAndBesideAKeyDescribeIt() {
    YamlOutline.Outline outline =
        YamlOutline.read(
            List.of(
                "# the file",
                "",
                "a:",
                "  # how long",
                "  b: 5   # seconds",
                "  c: [x, y]",
                "  d:",
                "    - {n: 1}",
                "    - {n: 2}",
                "e: 'x # not a comment'"));

    assertThat(outline.preamble()).isEqualTo("the file");
    assertThat(outline.keys())
        .containsExactly(
            new YamlOutline.Key("a", "", ""),
            new YamlOutline.Key("a.b", "5", "how long seconds"),
            new YamlOutline.Key("a.c", "[x, y]", ""),
            new YamlOutline.Key("a.d", "[{n: 1}, {n: 2}]", ""),
            new YamlOutline.Key("e", "'x # not a comment'", ""));
  }
}
