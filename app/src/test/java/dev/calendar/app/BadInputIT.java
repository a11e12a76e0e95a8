package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input of docs/api.md's conventions, for the users and sessions routes: the
 * right 4xx, as problem+json naming the bad fields, never a 500 or a stack trace.
 */
class BadInputIT {
  private static Api api;
  private static String token;
  private static String userId;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
    var user = api.signUp(Api.uniqueEmail("bad-input"), "password1");
    token = user.get("token").asText();
    userId = user.get("id").asText();
  }

  private static final String SELF = "{self}";
  private static final String AUTH = "{auth}";

  static Stream<Arguments> cases() {
    String longName = "x".repeat(201);
    String huge = "{\"name\":\"" + "a".repeat(1_100_000) + "\"}";
    String otherId = UUID.randomUUID().toString();
    List<BadInputCase> cases = new ArrayList<>();
    cases.add(bad("malformed JSON", "POST", "/users", "{\"email\":", 400, "body"));
    cases.add(bad("JSON that is not an object", "POST", "/users", "[1,2]", 400, "body"));
    cases.add(bad("empty body", "POST", "/users", "", 400, "body"));
    cases.add(bad("missing fields", "POST", "/users", "{}", 400, "email", "name", "password"));
    cases.add(
        bad(
            "wrong types",
            "POST",
            "/users",
            "{\"email\":1,\"name\":true,\"password\":[],\"timezone\":5}",
            400,
            "email",
            "name",
            "password",
            "timezone"));
    cases.add(
        bad(
            "not an email",
            "POST",
            "/users",
            signUp("not-an-email", "N", "password1", null),
            400,
            "email"));
    cases.add(
        bad(
            "name too long",
            "POST",
            "/users",
            signUp("a@example.com", longName, "password1", null),
            400,
            "name"));
    cases.add(
        bad(
            "password too short",
            "POST",
            "/users",
            signUp("a@example.com", "N", "short", null),
            400,
            "password"));
    cases.add(
        bad(
            "unknown time zone",
            "POST",
            "/users",
            signUp("a@example.com", "N", "password1", "Mars/Olympus"),
            400,
            "timezone"));
    cases.add(bad("body over 1 MiB", "POST", "/users", huge, 413));
    cases.add(
        new BadInputCase(
            "idempotency key too long",
            "POST",
            "/users",
            signUp(Api.uniqueEmail("k"), "N", "password1", null),
            Map.of("Idempotency-Key", "k".repeat(300)),
            400,
            List.of("Idempotency-Key")));
    cases.add(bad("log-in without fields", "POST", "/sessions", "{}", 400, "email", "password"));
    cases.add(authed("id that is not a UUID", "GET", "/users/not-a-uuid", null, 400, "id"));
    cases.add(authed("another user's profile", "GET", "/users/" + otherId, null, 403));
    cases.add(bad("no token", "GET", "/users/" + otherId, null, 401));
    cases.add(
        new BadInputCase(
            "unknown token",
            "GET",
            "/users/" + otherId,
            null,
            Map.of("Authorization", "Bearer not-a-real-token"),
            401,
            List.of()));
    cases.add(
        new BadInputCase(
            "not a bearer token",
            "GET",
            "/users/" + otherId,
            null,
            Map.of("Authorization", "Basic YTpi"),
            401,
            List.of()));
    cases.add(authed("null name", "PATCH", "/users/" + SELF, "{\"name\":null}", 400, "name"));
    cases.add(
        authed(
            "negative reminder offset and unknown channel",
            "PATCH",
            "/users/" + SELF,
            "{\"defaultReminders\":[{\"offset\":\"-PT5M\",\"channel\":\"fax\"}]}",
            400,
            "defaultReminders[0].offset",
            "defaultReminders[0].channel"));
    cases.add(
        authed(
            "reminders not a list",
            "PATCH",
            "/users/" + SELF,
            "{\"defaultReminders\":\"PT5M\"}",
            400,
            "defaultReminders"));
    cases.add(
        authed(
            "push token not a string",
            "PATCH",
            "/users/" + SELF,
            "{\"pushTokens\":[1]}",
            400,
            "pushTokens[0]"));
    cases.add(
        authed(
            "phone not E.164", "PATCH", "/users/" + SELF, "{\"phone\":\"12345\"}", 400, "phone"));
    cases.add(authed("malformed JSON in a patch", "PATCH", "/users/" + SELF, "{", 400, "body"));
    // Text that cannot be stored: NUL and unpaired UTF-16 surrogates, in any string of the body.
    cases.add(
        bad(
            "NUL in the email",
            "POST",
            "/users",
            signUp("ada\\u0000@example.com", "N", "password1", null),
            400,
            "email"));
    cases.add(
        bad(
            "reversed surrogates in the name",
            "POST",
            "/users",
            signUp(Api.uniqueEmail("s"), "\\udc00\\ud800", "password1", null),
            400,
            "name"));
    cases.add(
        bad(
            "lone high surrogate in the password",
            "POST",
            "/users",
            signUp(Api.uniqueEmail("s"), "N", "password1\\ud800", null),
            400,
            "password"));
    cases.add(
        bad(
            "NUL in a field the route does not read",
            "POST",
            "/users",
            "{\"email\":\"a@example.com\",\"name\":\"N\",\"password\":\"password1\","
                + "\"extra\":{\"list\":[\"ok\",\"\\u0000\"]}}",
            400,
            "extra.list[1]"));
    cases.add(
        bad(
            "NUL in a field name",
            "POST",
            "/sessions",
            "{\"email\":\"a@example.com\",\"password\":\"password1\",\"x\\u0000\":1}",
            400,
            "x\ufffd"));
    cases.add(
        authed(
            "lone low surrogate in a push token",
            "PATCH",
            "/users/" + SELF,
            "{\"pushTokens\":[\"ok\",\"\\udc00\"]}",
            400,
            "pushTokens[1]"));
    cases.add(
        authed(
            "NUL in a patched name",
            "PATCH",
            "/users/" + SELF,
            "{\"name\":\"Ada\\u0000\"}",
            400,
            "name"));
    cases.add(
        authed(
            "NUL in a query parameter",
            "GET",
            "/users/" + SELF + "?note=a%00b",
            null,
            400,
            "note"));
    // JSON strictness: one JSON object and nothing after it, sent as JSON.
    cases.add(
        bad(
            "trailing garbage after the object",
            "POST",
            "/users",
            signUp(Api.uniqueEmail("t"), "N", "password1", null) + " xyz",
            400,
            "body"));
    cases.add(bad("two objects", "POST", "/sessions", "{}{}", 400, "body"));
    cases.add(
        new BadInputCase(
            "text/plain body",
            "POST",
            "/users",
            signUp(Api.uniqueEmail("ct"), "N", "password1", null),
            Map.of(Api.CONTENT_TYPE, "text/plain"),
            415,
            List.of()));
    cases.add(
        new BadInputCase(
            "form-encoded body (curl -d without a content type)",
            "POST",
            "/sessions",
            "{\"email\":\"a@example.com\",\"password\":\"password1\"}",
            Map.of(Api.CONTENT_TYPE, "application/x-www-form-urlencoded"),
            415,
            List.of()));
    cases.add(
        new BadInputCase(
            "XML patch",
            "PATCH",
            "/users/" + SELF,
            "<name>x</name>",
            Map.of(Api.CONTENT_TYPE, "application/xml", AUTH, ""),
            415,
            List.of()));
    cases.add(bad("unknown route", "GET", "/no/such/route", null, 404));
    cases.add(bad("wrong method", "PUT", "/users", "{}", 405));
    cases.add(bad("log-out without a token", "DELETE", "/sessions/current", null, 401));
    return cases.stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersWithAProblemNamingTheFields(BadInputCase c) {
    Map<String, String> headers = new java.util.HashMap<>(c.headers());
    if (headers.containsKey(AUTH)) {
      headers.remove(AUTH);
      headers.put("Authorization", "Bearer " + token);
    }
    var r = api.send(c.method(), c.path().replace(SELF, userId), c.body(), headers);

    r.assertProblem(c.status(), c.fields());
  }

  /** JSON bodies sent as JSON, as another +json type, or unlabelled; anything else is a 415. */
  @Test
  void readsBodiesSentAsJsonOrWithoutAContentType() {
    String noFields = "{}";
    api.send("POST", "/sessions", noFields, Map.of(Api.CONTENT_TYPE, ""))
        .assertProblem(400, List.of("email", "password"));
    api.send(
            "POST",
            "/sessions",
            noFields,
            Map.of(Api.CONTENT_TYPE, "application/vnd.calendar+json; charset=utf-8"))
        .assertProblem(400, List.of("email", "password"));
    var plain = api.send("POST", "/sessions", noFields, Map.of(Api.CONTENT_TYPE, "text/plain"));
    plain.assertProblem(415, List.of());
    assertThat(plain.json().get("detail").asText()).contains("application/json");
  }

  private static BadInputCase bad(
      String name, String method, String path, String body, int status, String... fields) {
    return new BadInputCase(name, method, path, body, Map.of(), status, List.of(fields));
  }

  private static BadInputCase authed(
      String name, String method, String path, String body, int status, String... fields) {
    return new BadInputCase(name, method, path, body, Map.of(AUTH, ""), status, List.of(fields));
  }

  private static String signUp(String email, String name, String password, String zone) {
    return "{\"email\":\""
        + email
        + "\",\"name\":\""
        + name
        + "\",\"password\":\""
        + password
        + "\""
        + (zone == null ? "" : ",\"timezone\":\"" + zone + "\"")
        + "}";
  }
}
