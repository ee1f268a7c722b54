package ai.ringrift.client.registry;

/**
 * The registry answered with an error (HTTP status plus Confluent {@code error_code} and message),
 * or could not be reached. Each error code has its own subclass, so callers catch what they can
 * handle; {@link #of} maps an answer to its type.
 */
public class SchemaRegistryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final int errorCode;

  public SchemaRegistryException(int status, int errorCode, String message) {
    this(status, errorCode, message, null);
  }

  public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
    super(message + " (status " + status + ", error code " + errorCode + ")", cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** HTTP status (0 when the registry could not be reached). */
  public int status() {
    return status;
  }

  /** Confluent's error code, e.g. 40401 (the status itself when the body had none). */
  public int errorCode() {
    return errorCode;
  }

  /** Whether trying again later may succeed (5xx and connection failures). */
  public boolean retriable() {
    return status == 0 || status >= 500;
  }

  /** The typed exception for an error answer. */
  public static SchemaRegistryException of(int status, int errorCode, String message) {
    return switch (errorCode) {
      case 40401 -> new SubjectNotFound(status, errorCode, message);
      case 40402 -> new VersionNotFound(status, errorCode, message);
      case 40403 -> new SchemaNotFound(status, errorCode, message);
      case 40408 -> new SubjectConfigNotFound(status, errorCode, message);
      case 409, 40901 -> new IncompatibleSchema(status, errorCode, message);
      case 42201 -> new InvalidSchema(status, errorCode, message);
      case 42202 -> new InvalidVersion(status, errorCode, message);
      case 42203 -> new InvalidCompatibilityLevel(status, errorCode, message);
      case 401, 403, 40101, 40301 -> new Unauthorized(status, errorCode, message);
      default ->
          status >= 500
              ? new Unavailable(status, errorCode, message, null)
              : new SchemaRegistryException(status, errorCode, message);
    };
  }

  /** 40401: the subject has no versions. */
  public static final class SubjectNotFound extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    SubjectNotFound(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 40402: the subject has no such version. */
  public static final class VersionNotFound extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    VersionNotFound(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 40403: no schema with that id, or not under that subject. */
  public static final class SchemaNotFound extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    SchemaNotFound(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 40408: the subject has no compatibility level of its own. */
  public static final class SubjectConfigNotFound extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    SubjectConfigNotFound(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 409 / 40901: the schema breaks the subject's compatibility level; the message says why. */
  public static final class IncompatibleSchema extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    IncompatibleSchema(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 42201: not a valid schema. */
  public static final class InvalidSchema extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    InvalidSchema(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 42202: not a version number or {@code latest}. */
  public static final class InvalidVersion extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    InvalidVersion(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 42203: not a compatibility level. */
  public static final class InvalidCompatibilityLevel extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    InvalidCompatibilityLevel(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 401 / 403: credentials missing or refused. */
  public static final class Unauthorized extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    Unauthorized(int status, int code, String message) {
      super(status, code, message);
    }
  }

  /** 5xx (50001 store error, 50002 timeout, ...) or no answer at all: retriable. */
  public static final class Unavailable extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    Unavailable(int status, int code, String message, Throwable cause) {
      super(status, code, message, cause);
    }
  }
}
