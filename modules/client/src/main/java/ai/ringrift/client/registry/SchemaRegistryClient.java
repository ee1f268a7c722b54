package ai.ringrift.client.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client of Confluent's Schema Registry REST API v1 (and of ours, which speaks the same). Ids and
 * schemas never change once registered, so both directions are cached: after the first call for a
 * schema, serializing and deserializing make no HTTP call ({@link #requestCount()} shows it).
 * Errors are typed {@link SchemaRegistryException}s carrying the registry's message. Thread- safe;
 * share one per registry.
 */
public final class SchemaRegistryClient {
  private final RegistryTransport transport;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySchema = new ConcurrentHashMap<>();

  public SchemaRegistryClient(RegistryClientConfig config) {
    this.transport = new RegistryTransport(config);
  }

  /** A client of the registry at {@code url} with default timeouts and no credentials. */
  public static SchemaRegistryClient of(String url) {
    return new SchemaRegistryClient(RegistryClientConfig.of(url));
  }

  /** HTTP requests sent so far (retries count), for tests and metrics. */
  public long requestCount() {
    return transport.requests();
  }

  /**
   * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id.
   *
   * @throws SchemaRegistryException.IncompatibleSchema when the subject's level forbids it
   */
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema.toString());
    Integer cached = idsBySchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer =
        transport.send("POST", "/subjects/" + encode(subject) + "/versions", body(schema));
    int id = answer.path("id").asInt();
    remember(key, id, schema);
    return id;
  }

  /**
   * The version of {@code subject} that has {@code schema}, without registering it.
   *
   * @throws SchemaRegistryException.SubjectNotFound or {@link
   *     SchemaRegistryException.SchemaNotFound} when it is not there
   */
  public RegisteredSchema lookup(String subject, Schema schema) {
    RegisteredSchema found =
        registered(transport.send("POST", "/subjects/" + encode(subject), body(schema)));
    remember(new SubjectSchema(subject, schema.toString()), found.id(), schema);
    return found;
  }

  /** The id {@code schema} has under {@code subject}: cached, else looked up (never registered). */
  public int idOf(String subject, Schema schema) {
    Integer cached = idsBySchema.get(new SubjectSchema(subject, schema.toString()));
    return cached != null ? cached : lookup(subject, schema).id();
  }

  /**
   * The schema with global id {@code id}, the types it references resolved.
   *
   * @throws SchemaRegistryException.SchemaNotFound when no schema has that id
   */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = transport.send("GET", "/schemas/ids/" + id, null);
    Schema.Parser parser = new Schema.Parser();
    resolveReferences(answer.path("references"), parser, new HashSet<>());
    Schema schema = parser.parse(answer.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  /**
   * Parses the types a schema references ({@code [{"name","subject","version"}]}) into {@code
   * parser}, theirs first, as Confluent's Avro deserializer does: shared types such as {@code
   * EventHeader} registered once under their own subject.
   */
  private void resolveReferences(JsonNode references, Schema.Parser parser, Set<String> seen) {
    for (JsonNode reference : references) {
      String name = reference.path("name").asText();
      if (!seen.add(name) || parser.getTypes().containsKey(name)) {
        continue;
      }
      JsonNode version =
          transport.send(
              "GET",
              "/subjects/"
                  + encode(reference.path("subject").asText())
                  + "/versions/"
                  + reference.path("version").asInt(),
              null);
      resolveReferences(version.path("references"), parser, seen);
      parser.parse(version.path("schema").asText());
    }
  }

  /** The latest version of {@code subject} (always asks: the latest changes). */
  public RegisteredSchema latest(String subject) {
    return version(subject, "latest");
  }

  /** Version {@code version} of {@code subject}. */
  public RegisteredSchema version(String subject, int version) {
    return version(subject, Integer.toString(version));
  }

  private RegisteredSchema version(String subject, String version) {
    RegisteredSchema found =
        registered(
            transport.send("GET", "/subjects/" + encode(subject) + "/versions/" + version, null));
    schemasById.computeIfAbsent(found.id(), id -> new Schema.Parser().parse(found.schema()));
    return found;
  }

  /** Version numbers of {@code subject}. */
  public List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    transport
        .send("GET", "/subjects/" + encode(subject) + "/versions", null)
        .forEach(v -> versions.add(v.asInt()));
    return List.copyOf(versions);
  }

  /** Every subject with at least one version. */
  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    transport.send("GET", "/subjects", null).forEach(s -> subjects.add(s.asText()));
    return List.copyOf(subjects);
  }

  /** Whether {@code schema} could be registered as the next version of {@code subject}, and why. */
  public CompatibilityResult testCompatibility(String subject, Schema schema) {
    JsonNode answer =
        transport.send(
            "POST",
            "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
            body(schema));
    List<String> messages = new ArrayList<>();
    answer.path("messages").forEach(m -> messages.add(m.asText()));
    return new CompatibilityResult(answer.path("is_compatible").asBoolean(), messages);
  }

  /** The global compatibility level, e.g. {@code BACKWARD}. */
  public String globalCompatibility() {
    return transport.send("GET", "/config", null).path("compatibilityLevel").asText();
  }

  /** The level set on {@code subject} itself; empty when it follows the global one (40408). */
  public Optional<String> subjectCompatibility(String subject) {
    try {
      return Optional.of(
          transport
              .send("GET", "/config/" + encode(subject), null)
              .path("compatibilityLevel")
              .asText());
    } catch (SchemaRegistryException.SubjectConfigNotFound e) {
      return Optional.empty();
    }
  }

  /** Sets the level of {@code subject}; returns what the registry echoed. */
  public String setCompatibility(String subject, String level) {
    return putConfig("/config/" + encode(subject), level);
  }

  /** Sets the global level; returns what the registry echoed. */
  public String setGlobalCompatibility(String level) {
    return putConfig("/config", level);
  }

  private String putConfig(String path, String level) {
    ObjectNode body = RegistryTransport.JSON.createObjectNode().put("compatibility", level);
    return transport.send("PUT", path, body).path("compatibility").asText();
  }

  private void remember(SubjectSchema key, int id, Schema schema) {
    idsBySchema.putIfAbsent(key, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static RegisteredSchema registered(JsonNode answer) {
    return new RegisteredSchema(
        answer.path("subject").asText(),
        answer.path("version").asInt(),
        answer.path("id").asInt(),
        answer.path("schema").asText());
  }

  private static ObjectNode body(Schema schema) {
    return RegistryTransport.JSON.createObjectNode().put("schema", schema.toString());
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private record SubjectSchema(String subject, String schema) {}
}
