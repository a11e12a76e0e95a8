package dev.calendar.devservers.fakeapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Method and path pattern to handler, first match wins (so {@code .../events/watch} must be added
 * before {@code .../events/{id}}). A {@code {name}} segment matches one URL-decoded segment.
 */
public final class Routes {

  /** A route's code. */
  @FunctionalInterface
  public interface Handler {
    Answer handle(HttpCall call);
  }

  private record Route(String method, String[] segments, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  public Routes add(String method, String pattern, Handler handler) {
    routes.add(new Route(method, split(pattern), handler));
    return this;
  }

  /** The handler for the call with its path variables set, or null when no route has the path. */
  public Handler find(HttpCall call) {
    String[] path = split(call.path());
    boolean pathKnown = false;
    for (Route r : routes) {
      Map<String, String> vars = match(r.segments(), path);
      if (vars == null) {
        continue;
      }
      pathKnown = true;
      if (r.method().equals(call.method())) {
        call.setVars(vars);
        return r.handler();
      }
    }
    return pathKnown ? c -> Answer.text(405, "method not allowed") : null;
  }

  private static Map<String, String> match(String[] pattern, String[] path) {
    if (pattern.length != path.length) {
      return null;
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < pattern.length; i++) {
      String p = pattern[i];
      if (p.startsWith("{") && p.endsWith("}")) {
        vars.put(p.substring(1, p.length() - 1), decode(path[i]));
      } else if (!p.equals(path[i])) {
        return null;
      }
    }
    return vars;
  }

  private static String decode(String segment) {
    // Path segments: '+' is a plus sign here, not a space.
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
