package ai.ringrift.registry.internal;

/**
 * A failed request, as Confluent's server reports it: HTTP status plus error code and message, the
 * messages worded as Confluent's (its {@code Errors} and {@code Rest*Exception} classes), since
 * tools match on them.
 */
public final class RegistryError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  RegistryError(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** Confluent's error code (e.g. 40401). */
  public int errorCode() {
    return errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(int version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
  }

  static RegistryError schemaNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  static RegistryError subjectSoftDeleted(String subject) {
    return new RegistryError(
        404,
        40404,
        "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError subjectNotSoftDeleted(String subject) {
    return new RegistryError(
        404,
        40405,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  static RegistryError versionSoftDeleted(String subject, String version) {
    return new RegistryError(
        404,
        40406,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError versionNotSoftDeleted(String subject, String version) {
    return new RegistryError(
        404,
        40407,
        "Subject '"
            + subject
            + "' Version "
            + version
            + " was not deleted first before being permanently deleted");
  }

  static RegistryError noSubjectConfig(String subject) {
    return new RegistryError(
        404,
        40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryError noSubjectMode(String subject) {
    return new RegistryError(
        404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
  }

  static RegistryError incompatible(String subject, Object details) {
    return new RegistryError(
        409,
        40901,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\", details: "
            + details);
  }

  static RegistryError invalidSchema(String message) {
    return new RegistryError(422, 42201, message);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(
        422,
        42202,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string"
            + " \"latest\"");
  }

  static RegistryError invalidLevel() {
    return new RegistryError(
        422,
        42203,
        "Invalid compatibility level. Valid values are none, backward, forward, full,"
            + " backward_transitive, forward_transitive, and full_transitive");
  }

  static RegistryError invalidMode() {
    return new RegistryError(
        422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT.");
  }

  static RegistryError notPermitted(String message) {
    return new RegistryError(422, 42205, message);
  }

  /** A subject version others reference; {@code key} as Confluent prints a SchemaKey. */
  static RegistryError referenceExists(String subject, int version) {
    return new RegistryError(
        422,
        42206,
        "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject="
            + subject
            + ",version="
            + version
            + "}.");
  }

  static RegistryError invalidSubject(String subject) {
    return new RegistryError(422, 42208, "The specified subject '" + subject + "' is not a valid.");
  }

  static RegistryError storeError(String message) {
    return new RegistryError(500, 50001, message);
  }

  static RegistryError timeout(String message) {
    return new RegistryError(500, 50002, message);
  }

  static RegistryError badRequest(String message) {
    return new RegistryError(400, 400, message);
  }

  static RegistryError unprocessable(String message) {
    return new RegistryError(422, 422, message);
  }

  static RegistryError notFound() {
    return new RegistryError(404, 404, "HTTP 404 Not Found");
  }

  static RegistryError methodNotAllowed() {
    return new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
  }
}
