package ai.ringrift.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which requests change the registry, as Confluent's security plugin classes its operations. */
class RegistryAccessTest {
  @ParameterizedTest(name = "{0} {1} is a write: {2}")
  @CsvSource({
    "GET,    /subjects,                                   false",
    "GET,    /subjects/a-value/versions/latest,           false",
    "POST,   /,                                           false",
    "POST,   /subjects/a-value,                           false",
    "POST,   /compatibility/subjects/a-value/versions,    false",
    "POST,   /compatibility/subjects/a-value/versions/1,  false",
    "POST,   /subjects/a-value/versions,                  true",
    "PUT,    /config,                                     true",
    "PUT,    /config/a-value,                             true",
    "PUT,    /mode,                                       true",
    "DELETE, /subjects/a-value,                           true",
    "DELETE, /subjects/a-value/versions/1,                true",
    "DELETE, /config/a-value,                             true",
  })
  void classesRequests(String method, String path, boolean write) {
    assertThat(RegistryAccess.isWrite(method, path)).isEqualTo(write);
  }

  @ParameterizedTest(name = "{0} is under prefix {1}: {2}")
  @CsvSource({
    "/subjects/ringrift-app-store-changelog-value/versions,   ringrift-, true",
    "/subjects/ringrift-app-store-changelog-value,            ringrift-, true",
    "/subjects/ringrift.model.promoted-value/versions,        ringrift-, false",
    "/config/ringrift-app-store-changelog-value,              ringrift-, false",
    "/config,                                                 ringrift-, false",
    "/subjects,                                               ringrift-, false",
  })
  void aSubjectWriterReachesOnlyTheSubjectsUnderItsPrefix(
      String path, String prefix, boolean under) {
    assertThat(RegistryAccess.isUnder(path, prefix)).isEqualTo(under);
    assertThat(RegistryAccess.isUnder(path, null)).isFalse();
  }
}
