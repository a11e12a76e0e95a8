package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Errors injected by {@code POST /dev/faults}: the next {@code times} API requests matching method
 * and path fragment are answered with the fault instead (or, with {@code afterApply}, after having
 * been carried out, as when an answer is lost on the way back). A fault with {@code delayMs} and no
 * {@code status} serves the request as usual, that much later (a slow provider).
 */
public final class Faults {

  /** One armed fault; {@code remaining} counts down to zero. */
  public static final class Fault {
    final String method;
    final String pathContains;
    final int status;
    final Integer retryAfterSeconds;
    final String reason;
    final boolean afterApply;
    final long delayMs;
    int remaining;

    Fault(ObjectNode spec) {
      this.method = Json.text(spec, "method");
      this.pathContains = Json.text(spec, "pathContains");
      this.status = spec.has("status") || !spec.has("delayMs") ? spec.path("status").asInt(500) : 0;
      this.retryAfterSeconds =
          spec.hasNonNull("retryAfterSeconds") ? spec.get("retryAfterSeconds").asInt() : null;
      this.reason = Json.text(spec, "reason");
      this.afterApply = spec.path("afterApply").asBoolean(false);
      this.delayMs = spec.path("delayMs").asLong(0);
      this.remaining = spec.path("times").asInt(1);
    }

    public boolean afterApply() {
      return afterApply;
    }

    /** Given {@code delayMs} and no {@code status}: the request is served, only late. */
    public boolean slowOnly() {
      return status == 0;
    }

    public long delayMs() {
      return delayMs;
    }

    /** The provider's error for this fault, with {@code Retry-After} when asked for. */
    public Answer answer(ErrorShape errors) {
      String why = reason != null ? reason : defaultReason(status);
      Answer a = errors.error(status, why, "Injected fault: " + why);
      return retryAfterSeconds == null
          ? a
          : a.withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    private static String defaultReason(int status) {
      return switch (status) {
        case 429 -> "rateLimitExceeded";
        case 403 -> "forbidden";
        case 503 -> "backendError";
        default -> "internalError";
      };
    }

    boolean matches(String requestMethod, String path) {
      return (method == null || method.equalsIgnoreCase(requestMethod))
          && (pathContains == null || path.contains(pathContains));
    }
  }

  private final List<Fault> armed = new ArrayList<>();

  public synchronized void add(ObjectNode spec) {
    armed.add(new Fault(spec));
  }

  public synchronized void clear() {
    armed.clear();
  }

  /** The first armed fault matching the request, used up by one; null when none. */
  public synchronized Fault take(String method, String path) {
    for (Iterator<Fault> it = armed.iterator(); it.hasNext(); ) {
      Fault f = it.next();
      if (f.matches(method, path)) {
        if (--f.remaining <= 0) {
          it.remove();
        }
        return f;
      }
    }
    return null;
  }
}
