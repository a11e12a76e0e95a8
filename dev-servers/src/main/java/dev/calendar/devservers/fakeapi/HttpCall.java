package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as routes see it: method, decoded path, query and form parameters, body, path
 * variables.
 */
public final class HttpCall {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, String> query;
  private final Headers headers;
  private final String body;
  private final Map<String, String> vars = new LinkedHashMap<>();

  public HttpCall(String method, String path, String rawQuery, Headers headers, String body) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
    this.query = parseForm(rawQuery);
    this.headers = headers;
    this.body = body;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The query as received (still encoded), or null. */
  public String rawQuery() {
    return rawQuery;
  }

  /** A query parameter (the first one of that name), or null. */
  public String param(String name) {
    return query.get(name);
  }

  public boolean hasParam(String name) {
    return query.containsKey(name);
  }

  public String header(String name) {
    return headers.getFirst(name);
  }

  public String body() {
    return body;
  }

  /** A variable of the route's path pattern, e.g. {@code id} of {@code /events/{id}}. */
  public String var(String name) {
    return vars.get(name);
  }

  void setVars(Map<String, String> values) {
    vars.clear();
    vars.putAll(values);
  }

  /** The body as a JSON object, or the given error when it is not one. */
  public ObjectNode json(ErrorShape errors) {
    ObjectNode node = body == null || body.isBlank() ? null : Json.parseObject(body);
    if (node == null) {
      throw errors.unreadableBody();
    }
    return node;
  }

  /** The body as {@code application/x-www-form-urlencoded} fields. */
  public Map<String, String> form() {
    return parseForm(body);
  }

  /** Decodes {@code a=1&b=2}; the first value of a name wins. */
  public static Map<String, String> parseForm(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      out.putIfAbsent(name, value);
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
