package ai.ringrift.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The replayed state: ids, soft and permanent deletes, IMPORT's clearing. */
class RegistryStateTest {
  static final String A = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[]}";
  static final String B = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[]}";

  @Test
  void aPermanentlyDeletedSchemaKeepsItsIdForTheSameContentButNoLongerServesIt() {
    RegistryState state = new RegistryState();
    StoredSchema a = StoredSchema.avro("t", 1, 1, A);
    state.apply(new StoreRecord.SchemaVersion("t", 1, a));
    state.apply(new StoreRecord.SchemaVersion("t", 2, StoredSchema.avro("t", 2, 2, B)));
    state.apply(new StoreRecord.SchemaVersion("t", 1, a.withDeleted(true)));
    assertThat(state.byId(1, null)).contains(a.withDeleted(true));

    state.apply(new StoreRecord.SchemaVersion("t", 1, null));

    assertThat(state.byId(1, null)).isEmpty();
    assertThat(state.idOf(a.content())).contains(1);
    assertThat(state.versions("t", true)).extracting(StoredSchema::version).containsExactly(2);
  }

  @Test
  void deletingASubjectSoftDeletesEveryVersionUpToTheMark() {
    RegistryState state = new RegistryState();
    state.apply(new StoreRecord.SchemaVersion("t", 1, StoredSchema.avro("t", 1, 1, A)));
    state.apply(new StoreRecord.SchemaVersion("t", 2, StoredSchema.avro("t", 2, 2, B)));

    state.apply(new StoreRecord.DeleteSubject("t", 1));

    assertThat(state.versions("t", false)).extracting(StoredSchema::version).containsExactly(2);
    assertThat(state.hasSubject("t", false)).isTrue();
  }

  @Test
  void clearingForgetsOnlySoftDeletedVersionsById() {
    RegistryState state = new RegistryState();
    state.apply(
        new StoreRecord.SchemaVersion("t", 1, StoredSchema.avro("t", 1, 1, A).withDeleted(true)));
    state.apply(new StoreRecord.SchemaVersion("u", 1, StoredSchema.avro("u", 1, 2, B)));

    state.apply(new StoreRecord.ClearSubject(null));

    assertThat(state.byId(1, null)).isEmpty();
    assertThat(state.byId(2, null)).isPresent();
  }
}
