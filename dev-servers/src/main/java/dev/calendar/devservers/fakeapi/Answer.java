package dev.calendar.devservers.fakeapi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a route answers: status, body bytes with their type, and extra headers. */
public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {

  public static Answer json(int status, Object body) {
    return new Answer(
        status,
        "application/json; charset=UTF-8",
        Json.write(body).getBytes(StandardCharsets.UTF_8),
        new LinkedHashMap<>());
  }

  public static Answer empty(int status) {
    return new Answer(status, null, new byte[0], new LinkedHashMap<>());
  }

  public static Answer text(int status, String text) {
    return new Answer(
        status,
        "text/plain; charset=UTF-8",
        text.getBytes(StandardCharsets.UTF_8),
        new LinkedHashMap<>());
  }

  public static Answer redirect(String location) {
    Answer a = empty(302);
    a.headers().put("Location", location);
    return a;
  }

  /** The same answer with one more header. */
  public Answer withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Answer(status, contentType, body, copy);
  }
}
