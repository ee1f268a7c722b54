package ai.ringrift.stages.action.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.ringrift.config.ConfigException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {
  static final Set<String> KNOWN = Set.of("config", "npz", "model");

  @Test
  void splitsOnWhiteSpaceAndKeepsQuotedArgumentsTogether() {
    CommandTemplate t =
        CommandTemplate.parse(
            "k",
            "python -m app.training.train  --config {config} --note \"two words\" --data={npz}",
            KNOWN);

    assertThat(t.render(Map.of("config", "square8_2p", "npz", "/d/a b.npz")))
        .containsExactly(
            "python",
            "-m",
            "app.training.train",
            "--config",
            "square8_2p",
            "--note",
            "two words",
            "--data=/d/a b.npz");
    assertThat(t.placeholders()).containsExactlyInAnyOrder("config", "npz");
  }

  @Test
  void substitutesValuesLiterally() {
    CommandTemplate t = CommandTemplate.parse("k", "run {model}", KNOWN);

    assertThat(t.render(Map.of("model", "$HOME/{x}\\1"))).containsExactly("run", "$HOME/{x}\\1");
  }

  @Test
  void refusesAStrayBrace() {
    assertThatThrownBy(() -> CommandTemplate.parse("training.command", "run {model", KNOWN))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("training.command: has a '{' or '}' that is not a placeholder");
  }

  @Test
  void refusesAnUnclosedQuote() {
    assertThatThrownBy(() -> CommandTemplate.parse("k", "run \"{model}", KNOWN))
        .hasMessageStartingWith("k: has an unclosed double quote");
  }

  @Test
  void refusesABlankTemplate() {
    assertThatThrownBy(() -> CommandTemplate.parse("k", "  ", KNOWN))
        .hasMessage("k: is required and must not be blank");
  }

  @Test
  void namesAPlaceholderWithoutAValueAtRunTime() {
    CommandTemplate t = CommandTemplate.parse("k", "run {model} {npz}", KNOWN);

    assertThatThrownBy(() -> t.render(Map.of("model", "m")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("placeholder {npz} has no value");
  }
}
