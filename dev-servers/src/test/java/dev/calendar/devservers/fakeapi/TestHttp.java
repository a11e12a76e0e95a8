package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for the providers' tests: JSON in, status and JSON out. */
public final class TestHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private final String base;

  public TestHttp(String base) {
    this.base = base;
  }

  /** One answer: status, headers and the body parsed as JSON (missing when empty or not JSON). */
  public record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public Reply get(String path, String bearer, String... headers) {
    return send("GET", path, bearer, null, null, headers);
  }

  public Reply delete(String path, String bearer) {
    return send("DELETE", path, bearer, null, null);
  }

  public Reply json(String method, String path, String bearer, Object body, String... headers) {
    return send(method, path, bearer, "application/json", Json.write(body), headers);
  }

  public Reply form(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send("POST", path, null, "application/x-www-form-urlencoded", body);
  }

  private Reply send(
      String method,
      String path,
      String bearer,
      String contentType,
      String body,
      String... headers) {
    URI uri = URI.create(path.startsWith("http") ? path : base + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? MissingNode.getInstance() : parseOrMissing(r.body());
      return new Reply(r.statusCode(), r, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parseOrMissing(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
