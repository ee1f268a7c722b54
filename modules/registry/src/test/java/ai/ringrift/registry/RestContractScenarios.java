package ai.ringrift.registry;

import static ai.ringrift.registry.Contract.delete;
import static ai.ringrift.registry.Contract.get;
import static ai.ringrift.registry.Contract.post;
import static ai.ringrift.registry.Contract.put;
import static ai.ringrift.registry.Contract.scenario;
import static ai.ringrift.registry.RestContractIT.MISSING_DEFAULT;
import static ai.ringrift.registry.RestContractIT.REF;
import static ai.ringrift.registry.RestContractIT.entry;
import static ai.ringrift.registry.RestContractIT.error;
import static ai.ringrift.registry.RestContractIT.id;
import static ai.ringrift.registry.RestContractIT.schema;

/**
 * The scenarios of {@link RestContractIT}, one per part of Confluent's API reference. Expected
 * error messages are those of Confluent's server ({@code Errors}, {@code Rest*Exception}); the
 * compatibility messages those of its Avro checker ({@code Difference}, {@code
 * SchemaValidatorBuilder}).
 */
final class RestContractScenarios {
  private RestContractScenarios() {}

  static final String OLD_V1 = "{oldSchemaVersion: 1}, {oldSchema: '${V1~}'}";

  static Contract service() {
    return scenario(
        "/, /schemas/types, /contexts, /v1/metadata/id, unknown paths and methods",
        get("/", 200, "{}"),
        post("/", "{}", 200, "{}"),
        get("/schemas/types", 200, "[`AVRO`]"),
        get("/contexts", 200, "[`.`]"),
        get(
            "/v1/metadata/id",
            200,
            "{`scope`:{`path`:[],`clusters`:{`kafka-cluster`:`${CLUSTER!}`,"
                + "`schema-registry-cluster`:`schema-registry`}}}"),
        get("/nowhere", 404, error(404, "HTTP 404 Not Found")),
        put("/subjects", "{}", 405, error(405, "HTTP 405 Method Not Allowed")));
  }

  static Contract registerAndRead() {
    return scenario(
        "register, look up, versions, schemas by id",
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        post("/subjects/u/versions", schema("V1"), 200, id(1)),
        post("/subjects/t/versions", schema("V2"), 200, id(2)),
        get("/subjects", 200, "[`t`,`u`]"),
        get("/subjects?subjectPrefix=u", 200, "[`u`]"),
        get("/subjects/t/versions", 200, "[1,2]"),
        get("/subjects/t/versions/1", 200, entry("t", 1, 1, "V1")),
        get("/subjects/t/versions/latest", 200, entry("t", 2, 2, "V2")),
        get("/subjects/t/versions/-1", 200, entry("t", 2, 2, "V2")),
        get("/subjects/t/versions/1/schema", 200, "raw:${V1!}"),
        post("/subjects/t", schema("V1"), 200, entry("t", 1, 1, "V1")),
        post("/subjects/t", schema("OTHER"), 404, error(40403, "Schema not found")),
        post("/subjects/nobody", schema("V1"), 404, error(40401, "Subject 'nobody' not found.")),
        get("/schemas/ids/1", 200, schema("V1")),
        get("/schemas/ids/1/schema", 200, "raw:${V1!}"),
        get("/schemas/ids/1/subjects", 200, "[`t`,`u`]"),
        get(
            "/schemas/ids/1/versions",
            200,
            "[{`subject`:`t`,`version`:1},{`subject`:`u`,`version`:1}]"),
        get("/schemas/ids/1?subject=u", 200, schema("V1")),
        get("/schemas/ids/2?subject=u", 404, error(40403, "Schema 2 not found")),
        get("/schemas/ids/99", 404, error(40403, "Schema 99 not found")),
        get("/schemas/ids/99/subjects", 404, error(40403, "Schema not found")),
        get("/schemas/ids/99/versions", 404, error(40403, "Schema not found")),
        get("/schemas/ids/one", 404, error(404, "HTTP 404 Not Found")),
        get(
            "/schemas?subjectPrefix=t",
            200,
            "[" + entry("t", 1, 1, "V1") + "," + entry("t", 2, 2, "V2") + "]"),
        get(
            "/schemas?latestOnly=true",
            200,
            "[" + entry("t", 2, 2, "V2") + "," + entry("u", 1, 1, "V1") + "]"));
  }

  static Contract errors() {
    String invalidVersion =
        "The specified version '%s' is not a valid version id. Allowed values are between"
            + " [1, 2^31-1] and the string \\`latest\\`";
    return scenario(
        "errors: versions, subjects, schemas, types, bodies",
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        get("/subjects/t/versions/0", 422, error(42202, invalidVersion.formatted("0"))),
        get("/subjects/t/versions/first", 422, error(42202, invalidVersion.formatted("first"))),
        get("/subjects/t/versions/7", 404, error(40402, "Version 7 not found.")),
        get("/subjects/nobody/versions", 404, error(40401, "Subject 'nobody' not found.")),
        get("/subjects/nobody/versions/1", 404, error(40401, "Subject 'nobody' not found.")),
        post(
            "/subjects/t/versions",
            "{`schema`:${V1},`schemaType`:`PROTOBUF`}",
            422,
            error(42201, "Invalid schema type PROTOBUF")),
        post(
            "/subjects/t/versions",
            "{`schema`:${V1},`schemaType`:`JSON`}",
            422,
            error(42201, "Invalid schema type JSON")),
        post("/subjects/t/versions", "{`schema`:``}", 422, error(42201, "Empty schema")),
        post(
            "/subjects/t%01/versions",
            schema("V1"), 422, error(42208, "The specified subject 't\\u0001' is not a valid.")),
        post(
            "/subjects/__GLOBAL/versions",
            schema("V1"),
            422,
            error(42208, "The specified subject '__GLOBAL' is not a valid.")),
        post(
            "/subjects/t/versions",
            "not json",
            400,
            error(
                400,
                "Unrecognized JSON in request body: Unrecognized token 'not': was expecting (JSON"
                    + " String, Number, Array, Object or token 'null', 'true' or 'false')")));
  }

  static Contract compatibility() {
    return scenario(
        "compatibility: one version, all versions, verbose, 409 on register",
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        post(
            "/compatibility/subjects/t/versions/latest",
            schema("V2"),
            200,
            "{`is_compatible`:true}"),
        post(
            "/compatibility/subjects/t/versions/latest",
            schema("BAD"),
            200,
            "{`is_compatible`:false}"),
        post(
            "/compatibility/subjects/t/versions/latest?verbose=true",
            schema("BAD"),
            200,
            "{`is_compatible`:false,`messages`:[`"
                + MISSING_DEFAULT
                + "`,`{oldSchemaVersion: 1}`,`{oldSchema: '${V1~}'}`,`{compatibility: 'BACKWARD'}`]}"),
        post(
            "/compatibility/subjects/t/versions/1?verbose=true",
            schema("V2"),
            200,
            "{`is_compatible`:true,`messages`:[]}"),
        post("/compatibility/subjects/t/versions", schema("BAD"), 200, "{`is_compatible`:false}"),
        post("/compatibility/subjects/t/versions", schema("V2"), 200, "{`is_compatible`:true}"),
        post(
            "/compatibility/subjects/t/versions/5",
            schema("V2"),
            404,
            error(40402, "Version 5 not found.")),
        post(
            "/compatibility/subjects/nobody/versions/latest",
            schema("V2"),
            200,
            "{`is_compatible`:true}"),
        post(
            "/subjects/t/versions",
            schema("BAD"),
            409,
            error(
                40901,
                "Schema being registered is incompatible with an earlier schema for subject"
                    + " \\`t\\`, details: ["
                    + MISSING_DEFAULT
                    + ", "
                    + OLD_V1
                    + ", {compatibility: 'BACKWARD'}]")),
        put("/config/t", "{`compatibility`:`FORWARD`}", 200, "{`compatibility`:`FORWARD`}"),
        post(
            "/compatibility/subjects/t/versions/latest?verbose=true",
            schema("NO_ID"),
            200,
            "{`is_compatible`:false,`messages`:[`{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE',"
                + " description:'The field 'id' at path '/fields/0' in the old schema has no"
                + " default value and is missing in the new schema', additionalInfo:'id'}`,"
                + "`{oldSchemaVersion: 1}`,`{oldSchema: '${V1~}'}`,`{compatibility: 'FORWARD'}`]}"));
  }

  static Contract config() {
    return scenario(
        "config: global and per subject, get, put, delete, defaultToGlobal",
        get("/config", 200, "{`compatibilityLevel`:`BACKWARD`}"),
        get(
            "/config/t",
            404,
            error(40408, "Subject 't' does not have subject-level compatibility configured")),
        get("/config/t?defaultToGlobal=true", 200, "{`compatibilityLevel`:`BACKWARD`}"),
        put("/config/t", "{`compatibility`:`FULL`}", 200, "{`compatibility`:`FULL`}"),
        get("/config/t", 200, "{`compatibilityLevel`:`FULL`}"),
        put(
            "/config/t",
            "{`compatibility`:`SIDEWAYS`}",
            422,
            error(
                42203,
                "Invalid compatibility level. Valid values are none, backward, forward, full,"
                    + " backward_transitive, forward_transitive, and full_transitive")),
        put(
            "/config",
            "{`compatibility`:`NONE`,`normalize`:true}",
            200,
            "{`normalize`:true,`compatibility`:`NONE`}"),
        get("/config", 200, "{`normalize`:true,`compatibilityLevel`:`NONE`}"),
        get(
            "/config/u?defaultToGlobal=true",
            200,
            "{`normalize`:true,`compatibilityLevel`:`NONE`}"),
        delete("/config/t", 200, "{`compatibilityLevel`:`FULL`}"),
        delete("/config/t", 404, error(40401, "Subject 't' not found.")),
        delete("/config", 200, "{`normalize`:true,`compatibilityLevel`:`NONE`}"),
        get("/config", 200, "{`compatibilityLevel`:`BACKWARD`}"));
  }

  static Contract deleteVersions() {
    return scenario(
        "delete versions: soft first, then permanent",
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        post("/subjects/t/versions", schema("V2"), 200, id(2)),
        delete(
            "/subjects/t/versions/1?permanent=true",
            404,
            error(
                40407,
                "Subject 't' Version 1 was not deleted first before being permanently deleted")),
        delete("/subjects/t/versions/1", 200, "1"),
        get("/subjects/t/versions", 200, "[2]"),
        get("/subjects/t/versions?deleted=true", 200, "[1,2]"),
        get("/subjects/t/versions?deletedOnly=true", 200, "[1]"),
        get("/subjects/t/versions/1", 404, error(40402, "Version 1 not found.")),
        get("/subjects/t/versions/1?deleted=true", 200, entry("t", 1, 1, "V1")),
        post("/subjects/t", schema("V1"), 404, error(40403, "Schema not found")),
        post("/subjects/t?deleted=true", schema("V1"), 200, entry("t", 1, 1, "V1")),
        get("/schemas/ids/1", 200, schema("V1")),
        delete(
            "/subjects/t/versions/1",
            404,
            error(
                40406,
                "Subject 't' Version 1 was soft deleted.Set permanent=true to delete permanently")),
        delete("/subjects/t/versions/1?permanent=true", 200, "1"),
        get("/subjects/t/versions?deleted=true", 200, "[2]"),
        get("/schemas/ids/1", 404, error(40403, "Schema 1 not found")),
        delete("/subjects/t/versions/9", 404, error(40402, "Version 9 not found.")),
        delete("/subjects/nobody/versions/1", 404, error(40401, "Subject 'nobody' not found.")),
        delete("/subjects/t/versions/latest", 200, "2"),
        get("/subjects", 200, "[]"),
        get("/subjects?deleted=true", 200, "[`t`]"),
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        get("/subjects/t/versions", 200, "[3]"));
  }

  static Contract deleteSubjects() {
    return scenario(
        "delete subjects: soft first, then permanent; config and mode go with them",
        post("/subjects/s/versions", schema("V1"), 200, id(1)),
        post("/subjects/s/versions", schema("V2"), 200, id(2)),
        put("/config/s", "{`compatibility`:`FULL`}", 200, "{`compatibility`:`FULL`}"),
        put("/mode/s", "{`mode`:`READWRITE`}", 200, "{`mode`:`READWRITE`}"),
        delete(
            "/subjects/s?permanent=true",
            404,
            error(40405, "Subject 's' was not deleted first before being permanently deleted")),
        delete("/subjects/s", 200, "[1,2]"),
        get("/subjects", 200, "[]"),
        get("/subjects?deleted=true", 200, "[`s`]"),
        get("/subjects?deletedOnly=true", 200, "[`s`]"),
        get("/subjects/s/versions", 404, error(40401, "Subject 's' not found.")),
        get("/subjects/s/versions?deleted=true", 200, "[1,2]"),
        get(
            "/config/s",
            404,
            error(40408, "Subject 's' does not have subject-level compatibility configured")),
        get(
            "/mode/s",
            404,
            error(40409, "Subject 's' does not have subject-level mode configured")),
        delete(
            "/subjects/s",
            404,
            error(40404, "Subject 's' was soft deleted.Set permanent=true to delete permanently")),
        get("/schemas/ids/2", 200, schema("V2")),
        delete("/subjects/s?permanent=true", 200, "[1,2]"),
        get("/subjects?deleted=true", 200, "[]"),
        delete("/subjects/s", 404, error(40401, "Subject 's' not found.")),
        get("/schemas/ids/2", 404, error(40403, "Schema 2 not found")));
  }

  static Contract references() {
    String withRef = "{`schema`:${EVENT},`references`:[" + REF + "]}";
    String referenced =
        "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=header,version=1}.";
    return scenario(
        "schema references: register, read, referencedby, lookup, refused deletes",
        post("/subjects/header/versions", schema("HEADER"), 200, id(1)),
        post("/subjects/event/versions", withRef, 200, id(2)),
        post("/subjects/event/versions", withRef, 200, id(2)),
        get(
            "/subjects/event/versions/1",
            200,
            "{`subject`:`event`,`version`:1,`id`:2,`references`:[" + REF + "],`schema`:${EVENT}}"),
        get("/schemas/ids/2", 200, "{`schema`:${EVENT},`references`:[" + REF + "]}"),
        get("/subjects/header/versions/1/referencedby", 200, "[2]"),
        get("/subjects/header/versions/latest/referencedby", 200, "[2]"),
        post(
            "/subjects/event",
            withRef,
            200,
            "{`subject`:`event`,`version`:1,`id`:2,`references`:[" + REF + "],`schema`:${EVENT}}"),
        post(
            "/subjects/event",
            schema("EVENT_INLINED"),
            200,
            "{`subject`:`event`,`version`:1,`id`:2,`references`:[" + REF + "],`schema`:${EVENT}}"),
        post(
            "/subjects/broken/versions",
            "{`schema`:${EVENT},`references`:[{`name`:`ai.ringrift.test.Header`,"
                + "`subject`:`header`,`version`:5}]}",
            422,
            error(
                42201,
                "Invalid schema: no schema reference found for subject \\`header\\` and version 5")),
        delete("/subjects/header/versions/1", 422, error(42206, referenced)),
        delete("/subjects/header", 422, error(42206, referenced)),
        delete("/subjects/event/versions/1", 200, "1"),
        get("/subjects/header/versions/1/referencedby", 200, "[]"),
        delete("/subjects/header/versions/1", 200, "1"));
  }

  static Contract normalize() {
    return scenario(
        "normalize: as a parameter and as a config",
        post("/subjects/n/versions?normalize=true", schema("N1"), 200, id(1)),
        post("/subjects/n/versions?normalize=true", schema("N2"), 200, id(1)),
        get("/subjects/n/versions", 200, "[1]"),
        get("/subjects/n/versions/1/schema", 200, "raw:${NORMALIZED!}"),
        post("/subjects/n?normalize=true", schema("N2"), 200, entry("n", 1, 1, "NORMALIZED")),
        post("/subjects/plain/versions", schema("N1"), 200, id(2)),
        post("/subjects/plain/versions", schema("N2"), 200, id(3)),
        put("/config/m", "{`normalize`:true}", 200, "{`normalize`:true}"),
        post("/subjects/m/versions", schema("N2"), 200, id(1)));
  }

  static Contract modes() {
    String readOnly = "Subject t is in read-only mode";
    return scenario(
        "modes: READWRITE, READONLY, READONLY_OVERRIDE, per subject and global",
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        get("/mode", 200, "{`mode`:`READWRITE`}"),
        get(
            "/mode/t",
            404,
            error(40409, "Subject 't' does not have subject-level mode configured")),
        get("/mode/t?defaultToGlobal=true", 200, "{`mode`:`READWRITE`}"),
        put("/mode/t", "{`mode`:`READONLY`}", 200, "{`mode`:`READONLY`}"),
        get("/mode/t", 200, "{`mode`:`READONLY`}"),
        post("/subjects/t/versions", schema("V1"), 200, id(1)),
        post("/subjects/t/versions", schema("V2"), 422, error(42205, readOnly)),
        delete("/subjects/t/versions/1", 422, error(42205, readOnly)),
        delete("/subjects/t", 422, error(42205, readOnly)),
        put("/config/t", "{`compatibility`:`NONE`}", 422, error(42205, readOnly)),
        post("/subjects/u/versions", schema("V2"), 200, id(2)),
        put(
            "/mode",
            "{`mode`:`SIDEWAYS`}",
            422,
            error(42204, "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT.")),
        put("/mode", "{`mode`:`READONLY_OVERRIDE`}", 200, "{`mode`:`READONLY_OVERRIDE`}"),
        get("/mode/u", 200, "{`mode`:`READONLY_OVERRIDE`}"),
        post(
            "/subjects/u/versions",
            schema("OTHER"),
            422,
            error(42205, "Subject u is in read-only mode")),
        put("/mode", "{`mode`:`READWRITE`}", 200, "{`mode`:`READWRITE`}"),
        delete("/mode/t", 200, "{`mode`:`READONLY`}"),
        delete("/mode/t", 404, error(40401, "Subject 't' not found.")),
        post("/subjects/t/versions", schema("V2"), 200, id(2)));
  }

  static Contract importMode() {
    return scenario(
        "IMPORT: ids and versions kept, refused where Confluent refuses",
        post("/subjects/old/versions", schema("V1"), 200, id(1)),
        put(
            "/mode",
            "{`mode`:`IMPORT`}",
            422,
            error(42205, "Cannot import since found existing subjects")),
        put("/mode/imp", "{`mode`:`IMPORT`}", 200, "{`mode`:`IMPORT`}"),
        post("/subjects/imp/versions", "{`schema`:${OTHER},`id`:42,`version`:3}", 200, id(42)),
        get("/subjects/imp/versions", 200, "[3]"),
        get("/subjects/imp/versions/3", 200, entry("imp", 3, 42, "OTHER")),
        get("/schemas/ids/42", 200, schema("OTHER")),
        post(
            "/subjects/imp/versions",
            schema("V2"),
            422,
            error(42205, "Subject imp is not in read-write mode")),
        post(
            "/subjects/imp/versions",
            "{`schema`:${V2},`id`:1,`version`:4}",
            422,
            error(42205, "Overwrite new schema with id 1 is not permitted.")),
        post(
            "/subjects/old/versions",
            "{`schema`:${V2},`id`:50}",
            422,
            error(42205, "Subject old is not in import mode")),
        put("/mode/imp", "{`mode`:`READWRITE`}", 200, "{`mode`:`READWRITE`}"),
        post("/subjects/next/versions", schema("V2"), 200, id(43)),
        put("/mode?force=true", "{`mode`:`IMPORT`}", 200, "{`mode`:`IMPORT`}"),
        put("/mode", "{`mode`:`READWRITE`}", 200, "{`mode`:`READWRITE`}"));
  }
}
