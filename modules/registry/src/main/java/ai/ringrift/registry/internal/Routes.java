package ai.ringrift.registry.internal;

import ai.ringrift.registry.internal.Bodies.ClusterId;
import ai.ringrift.registry.internal.Bodies.ConfigUpdate;
import ai.ringrift.registry.internal.Bodies.ModeBody;
import ai.ringrift.registry.internal.Bodies.Registered;
import ai.ringrift.registry.internal.Bodies.SchemaById;
import ai.ringrift.registry.internal.Bodies.SchemaEntry;
import ai.ringrift.registry.internal.Bodies.SchemaRequest;
import ai.ringrift.registry.internal.Router.Reply;
import java.util.List;
import java.util.Map;

/** Every endpoint of Confluent's REST API v1 for Avro, mapped to the registry's operations. */
final class Routes {
  private static final String SUBJECT = "/subjects/{subject}";
  private static final String VERSION = SUBJECT + "/versions/{version}";
  private static final String ID = "/schemas/ids/{id}";

  private Routes() {}

  static Router of(RegistryService service) {
    Router router = new Router();
    router.on("GET", "/", call -> Reply.ok(Map.of()));
    router.on("POST", "/", call -> Reply.ok(Map.of()));
    subjects(router, service);
    schemas(router, service);
    settings(router, service);
    router.on("GET", "/contexts", call -> Reply.ok(service.reads().contexts()));
    router.on(
        "GET",
        "/v1/metadata/id",
        call -> Reply.ok(ClusterId.of(service.kafkaClusterId(), service.groupId())));
    return router;
  }

  private static void subjects(Router router, RegistryService service) {
    Reads reads = service.reads();
    router.on(
        "GET",
        "/subjects",
        call ->
            Reply.ok(
                reads.subjects(
                    call.query("subjectPrefix"), call.flag("deleted"), call.flag("deletedOnly"))));
    router.on(
        "POST",
        SUBJECT,
        call ->
            Reply.ok(
                SchemaEntry.of(
                    service
                        .registration()
                        .lookup(
                            call.param("subject"),
                            call.body(SchemaRequest.class),
                            call.flag("normalize"),
                            call.flag("deleted")))));
    router.on(
        "DELETE",
        SUBJECT,
        call ->
            Reply.ok(
                service.deletion().deleteSubject(call.param("subject"), call.flag("permanent"))));
    router.on(
        "GET",
        SUBJECT + "/versions",
        call ->
            Reply.ok(
                reads.versions(
                    call.param("subject"), call.flag("deleted"), call.flag("deletedOnly"))));
    router.on(
        "POST",
        SUBJECT + "/versions",
        call ->
            Reply.ok(
                new Registered(
                    service
                        .registration()
                        .register(
                            call.param("subject"),
                            call.body(SchemaRequest.class),
                            call.flag("normalize")))));
    router.on(
        "GET",
        VERSION,
        call ->
            Reply.ok(
                SchemaEntry.of(
                    reads.version(
                        call.param("subject"), call.param("version"), call.flag("deleted")))));
    router.on(
        "DELETE",
        VERSION,
        call ->
            Reply.ok(
                service
                    .deletion()
                    .deleteVersion(
                        call.param("subject"), call.param("version"), call.flag("permanent"))));
    router.on(
        "GET",
        VERSION + "/schema",
        call ->
            Reply.text(
                reads
                    .version(call.param("subject"), call.param("version"), call.flag("deleted"))
                    .schema()));
    router.on(
        "GET",
        VERSION + "/referencedby",
        call -> Reply.ok(reads.referencedBy(call.param("subject"), call.param("version"))));
  }

  private static void schemas(Router router, RegistryService service) {
    Reads reads = service.reads();
    router.on(
        "GET",
        "/schemas",
        call ->
            Reply.ok(
                reads
                    .schemas(
                        call.query("subjectPrefix"), call.flag("deleted"), call.flag("latestOnly"))
                    .stream()
                    .map(SchemaEntry::of)
                    .toList()));
    router.on("GET", "/schemas/types", call -> Reply.ok(List.of(StoredSchema.AVRO)));
    router.on(
        "GET",
        ID,
        call -> Reply.ok(SchemaById.of(reads.byId(call.intParam("id"), call.query("subject")))));
    router.on(
        "GET",
        ID + "/schema",
        call -> Reply.text(reads.byId(call.intParam("id"), call.query("subject")).schema()));
    router.on(
        "GET",
        ID + "/subjects",
        call ->
            Reply.ok(
                reads
                    .versionsOf(call.intParam("id"), call.query("subject"), call.flag("deleted"))
                    .stream()
                    .map(Bodies.SubjectVersion::subject)
                    .distinct()
                    .toList()));
    router.on(
        "GET",
        ID + "/versions",
        call ->
            Reply.ok(
                reads.versionsOf(
                    call.intParam("id"), call.query("subject"), call.flag("deleted"))));
    router.on(
        "POST",
        "/compatibility/subjects/{subject}/versions",
        call -> Reply.ok(compatibility(service, call, null)));
    router.on(
        "POST",
        "/compatibility/subjects/{subject}/versions/{version}",
        call -> Reply.ok(compatibility(service, call, call.param("version"))));
  }

  private static Object compatibility(RegistryService service, Router.Call call, String version) {
    return service
        .compatibility()
        .test(
            call.param("subject"),
            version,
            call.body(SchemaRequest.class),
            call.flag("normalize"),
            call.flag("verbose"));
  }

  private static void settings(Router router, RegistryService service) {
    Settings settings = service.settings();
    for (String path : List.of("/config", "/config/{subject}")) {
      router.on(
          "GET",
          path,
          call -> Reply.ok(settings.config(call.param("subject"), call.flag("defaultToGlobal"))));
      router.on(
          "PUT",
          path,
          call ->
              Reply.ok(settings.setConfig(call.param("subject"), call.body(ConfigUpdate.class))));
      router.on("DELETE", path, call -> Reply.ok(settings.deleteConfig(call.param("subject"))));
    }
    for (String path : List.of("/mode", "/mode/{subject}")) {
      router.on(
          "GET",
          path,
          call -> Reply.ok(settings.mode(call.param("subject"), call.flag("defaultToGlobal"))));
      router.on(
          "PUT",
          path,
          call ->
              Reply.ok(
                  settings.setMode(
                      call.param("subject"), call.body(ModeBody.class), call.flag("force"))));
    }
    router.on(
        "DELETE", "/mode/{subject}", call -> Reply.ok(settings.deleteMode(call.param("subject"))));
  }
}
