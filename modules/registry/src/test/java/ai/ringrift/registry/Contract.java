package ai.ringrift.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario of the REST contract: requests in order, each with the exact status and body
 * Confluent's server answers. Bodies are written with backticks for JSON's double quotes (so that
 * Confluent's messages keep their single quotes) and {@code ${NAME}} for a schema text as a JSON
 * string ({@code ${NAME~}}: the same inside a string, {@code ${NAME!}}: the text as it is). A body
 * starting with {@code raw:} is plain text.
 */
record Contract(String name, List<Contract.Step> steps) {
  /** One request and its answer. */
  record Step(String method, String path, String body, int status, String expected) {
    @Override
    public String toString() {
      return method + " " + path + (body == null ? "" : " " + body);
    }
  }

  static Contract scenario(String name, Step... steps) {
    return new Contract(name, List.of(steps));
  }

  static Step get(String path, int status, String expected) {
    return new Step("GET", path, null, status, expected);
  }

  static Step delete(String path, int status, String expected) {
    return new Step("DELETE", path, null, status, expected);
  }

  static Step post(String path, String body, int status, String expected) {
    return new Step("POST", path, body, status, expected);
  }

  static Step put(String path, String body, int status, String expected) {
    return new Step("PUT", path, body, status, expected);
  }

  /** Runs every step against {@code url}, with {@code texts} for the placeholders. */
  void run(String url, Map<String, String> texts) throws Exception {
    List<String> done = new ArrayList<>();
    for (Step step : steps) {
      String body = step.body() == null ? null : expand(step.body(), texts);
      Http.Answer answer = Http.send(step.method(), url + step.path(), body);
      String expected = expand(step.expected(), texts);
      String where = name + ", after " + done + ": " + step;
      assertThat(answer.status()).as(where + " -> " + answer.text()).isEqualTo(step.status());
      assertThat(answer.contentType())
          .as(where)
          .isEqualTo("application/vnd.schemaregistry.v1+json");
      if (expected.startsWith("raw:")) {
        assertThat(answer.text()).as(where).isEqualTo(expected.substring(4));
      } else {
        assertThat(answer.body())
            .as(where + " -> " + answer.text())
            .isEqualTo(Http.JSON.readTree(expected));
      }
      done.add(step.method() + " " + step.path());
    }
  }

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)([~!]?)}");

  static String expand(String template, Map<String, String> texts) throws Exception {
    Matcher m = PLACEHOLDER.matcher(template.replace('`', '"'));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String text = texts.get(m.group(1));
      if (text == null) {
        throw new IllegalArgumentException("no text for " + m.group(1));
      }
      String quoted = Http.JSON.writeValueAsString(text);
      String replacement =
          switch (m.group(2)) {
            case "~" -> quoted.substring(1, quoted.length() - 1);
            case "!" -> text;
            default -> quoted;
          };
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
