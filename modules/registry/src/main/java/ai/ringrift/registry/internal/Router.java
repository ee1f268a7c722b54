package ai.ringrift.registry.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of routes, {@code METHOD /path/{param}}, matched segment by segment; literal segments are
 * tried before parameters. A path that some route matches with another method answers 405, any
 * other 404, with Confluent's (Jersey's) bodies.
 */
final class Router {
  private final List<Route> routes = new ArrayList<>();

  /** Handles one matched call. */
  interface Handler {
    Reply handle(Call call);
  }

  /** Adds {@code method path}. */
  Router on(String method, String path, Handler handler) {
    routes.add(new Route(method, segments(path), handler));
    return this;
  }

  Reply dispatch(String method, List<String> path, Map<String, String> query, byte[] body) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Map<String, String> params = route.match(path);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(method)) {
        return route.handler().handle(new Call(params, query, body));
      }
    }
    throw pathKnown ? RegistryError.methodNotAllowed() : RegistryError.notFound();
  }

  private static List<String> segments(String path) {
    return List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
  }

  private record Route(String method, List<String> pattern, Handler handler) {
    /** The path parameters when {@code path} fits the pattern, else null. */
    Map<String, String> match(List<String> path) {
      if (path.size() != pattern.size()) {
        return null;
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < path.size(); i++) {
        String expected = pattern.get(i);
        if (expected.startsWith("{")) {
          params.put(expected.substring(1, expected.length() - 1), path.get(i));
        } else if (!expected.equals(path.get(i))) {
          return null;
        }
      }
      return params;
    }
  }

  /**
   * One request: path parameters, query parameters and body.
   *
   * @param path the path parameters, decoded
   * @param query the query parameters, decoded (the first of each name)
   * @param body the request body (empty when none)
   */
  record Call(Map<String, String> path, Map<String, String> query, byte[] body) {
    String param(String name) {
      return path.get(name);
    }

    /** An integer path parameter; not one answers 404, as Jersey does. */
    int intParam(String name) {
      try {
        return Integer.parseInt(path.get(name));
      } catch (NumberFormatException e) {
        throw RegistryError.notFound();
      }
    }

    String query(String name) {
      return query.get(name);
    }

    /** A boolean query parameter: {@code true} in any case; absent or anything else: false. */
    boolean flag(String name) {
      return "true".equalsIgnoreCase(query.get(name));
    }

    /** The JSON body as {@code type}. */
    <T> T body(Class<T> type) {
      if (body.length == 0) {
        throw RegistryError.unprocessable("Request body is missing");
      }
      try {
        T parsed = StoreRecords.JSON.readValue(body, type);
        if (parsed == null) {
          throw RegistryError.unprocessable("Request body is missing");
        }
        return parsed;
      } catch (MismatchedInputException e) {
        throw RegistryError.unprocessable(
            "Unrecognized field or value in request body: " + e.getOriginalMessage());
      } catch (JacksonException e) {
        throw RegistryError.badRequest(
            "Unrecognized JSON in request body: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw RegistryError.badRequest("Cannot read the request body: " + e.getMessage());
      }
    }
  }

  /**
   * An answer: status and a body to write as JSON, or a raw text.
   *
   * @param status HTTP status
   * @param json what to write as JSON (when {@code raw} is null)
   * @param raw text to write as it is
   */
  record Reply(int status, Object json, String raw) {
    static Reply ok(Object json) {
      return new Reply(200, json, null);
    }

    static Reply text(String raw) {
      return new Reply(200, null, raw);
    }
  }
}
