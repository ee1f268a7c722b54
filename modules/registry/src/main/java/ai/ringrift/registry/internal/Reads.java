package ai.ringrift.registry.internal;

import ai.ringrift.registry.internal.Bodies.SubjectVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The read side of the API: subjects, versions, schemas by id, the subjects and versions of an id,
 * who references a version, contexts. Soft-deleted entries show only when asked ({@code
 * deleted=true}); {@code latest} is always the latest live version.
 */
final class Reads {
  private static final String ALL_CONTEXTS = ":*:";

  private final SchemaLog log;

  Reads(SchemaLog log) {
    this.log = log;
  }

  /** Subjects, sorted, starting with {@code prefix} (all when null or {@code :*:}). */
  List<String> subjects(String prefix, boolean deleted, boolean deletedOnly) {
    Predicate<Boolean> keep = allDeleted -> deletedOnly ? allDeleted : deleted || !allDeleted;
    return log.read(state -> state.subjects(keep)).stream()
        .filter(s -> prefix == null || prefix.equals(ALL_CONTEXTS) || s.startsWith(prefix))
        .toList();
  }

  /** Version numbers of {@code subject}. */
  List<Integer> versions(String subject, boolean deleted, boolean deletedOnly) {
    return log.read(
        state -> {
          if (!state.hasSubject(subject, deleted || deletedOnly)) {
            throw RegistryError.subjectNotFound(subject);
          }
          return state.versions(subject, deleted || deletedOnly).stream()
              .filter(v -> !deletedOnly || v.deleted())
              .map(StoredSchema::version)
              .toList();
        });
  }

  /** Version {@code spec} ({@code latest}, {@code -1} or a number) of {@code subject}. */
  StoredSchema version(String subject, String spec, boolean deleted) {
    int versionId = Scope.versionId(spec);
    return log.read(
        state -> {
          List<StoredSchema> live = state.versions(subject, false);
          StoredSchema found =
              versionId == -1
                  ? (live.isEmpty() ? null : live.get(live.size() - 1))
                  : state
                      .version(subject, versionId)
                      .filter(v -> deleted || !v.deleted())
                      .orElse(null);
          if (found == null) {
            throw state.hasSubject(subject, deleted)
                ? RegistryError.versionNotFound(versionId)
                : RegistryError.subjectNotFound(subject);
          }
          return found;
        });
  }

  /** Ids of the live schemas that reference version {@code spec} of {@code subject}. */
  List<Integer> referencedBy(String subject, String spec) {
    StoredSchema target = version(subject, spec, true);
    return log.read(state -> state.referencedBy(subject, target.version()));
  }

  /** The schema with {@code id} (as {@code subject} has it, when given). */
  StoredSchema byId(int id, String subject) {
    return log.read(
        state -> state.byId(id, subject).orElseThrow(() -> RegistryError.schemaNotFound(id)));
  }

  /** The subject versions that carry {@code id}. */
  List<SubjectVersion> versionsOf(int id, String subject, boolean deleted) {
    return log.read(
        state -> {
          if (state.byId(id, subject).isEmpty()) {
            throw RegistryError.schemaNotFound();
          }
          List<SubjectVersion> found = new ArrayList<>();
          for (Map.Entry<String, Integer> holder : state.holdersOf(id).entrySet()) {
            state
                .version(holder.getKey(), holder.getValue())
                .filter(v -> deleted || !v.deleted())
                .ifPresent(v -> found.add(new SubjectVersion(v.subject(), v.version())));
          }
          found.sort(
              Comparator.comparing(SubjectVersion::subject)
                  .thenComparingInt(SubjectVersion::version));
          return found;
        });
  }

  /** Every version whose subject starts with {@code prefix}, by subject then version. */
  List<StoredSchema> schemas(String prefix, boolean deleted, boolean latestOnly) {
    List<StoredSchema> all =
        log.read(RegistryState::all).stream()
            .filter(v -> prefix == null || v.subject().startsWith(prefix))
            .filter(v -> deleted || !v.deleted())
            .toList();
    if (!latestOnly) {
      return all;
    }
    List<StoredSchema> latest = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i + 1 == all.size() || !all.get(i + 1).subject().equals(all.get(i).subject())) {
        latest.add(all.get(i));
      }
    }
    return latest;
  }

  /** The default context {@code .} and every named one. */
  List<String> contexts() {
    List<String> contexts = new ArrayList<>(List.of("."));
    contexts.addAll(log.read(RegistryState::contexts));
    return contexts;
  }
}
