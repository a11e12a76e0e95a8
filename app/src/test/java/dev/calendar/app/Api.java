package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small HTTP client for the API as a user would call it. */
final class Api {
  /** As a header of {@link #send}: that Content-Type instead of application/json; "" for none. */
  static final String CONTENT_TYPE = "Content-Type";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  record Response(int status, HttpHeaders headers, String text) {
    JsonNode json() {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + text, e);
      }
    }

    String contentType() {
      return headers.firstValue("content-type").orElse("");
    }

    /**
     * Asserts an RFC 9457 problem with this status whose {@code errors} name exactly these fields,
     * and that nothing internal (no stack trace) leaks into it.
     */
    void assertProblem(int expectedStatus, List<String> expectedFields) {
      assertThat(status).as(toString()).isEqualTo(expectedStatus);
      assertThat(contentType()).isEqualTo("application/problem+json");
      var problem = json();
      assertThat(problem.get("status").asInt()).isEqualTo(expectedStatus);
      assertThat(problem.get("title").asText()).isNotBlank();
      assertThat(problem.get("detail").asText()).isNotBlank();
      assertThat(problem.has("type")).isTrue();
      assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
      List<String> fields = new ArrayList<>();
      if (problem.has("errors")) {
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
      }
      assertThat(fields).containsExactlyInAnyOrderElementsOf(expectedFields);
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  private final String base;

  Api(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Api(Node node) {
    this(node.httpPort());
  }

  Response send(String method, String path, String body, Map<String, String> headers) {
    var builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    boolean typed = headers.keySet().stream().anyMatch(CONTENT_TYPE::equalsIgnoreCase);
    if (body != null && !typed) {
      builder.header(CONTENT_TYPE, "application/json");
    }
    // An empty value leaves the header out: a body sent with no Content-Type at all.
    headers.forEach(
        (name, value) -> {
          if (!value.isEmpty()) {
            builder.header(name, value);
          }
        });
    try {
      var r = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response post(String path, String body) {
    return send("POST", path, body, Map.of());
  }

  Response get(String path, String token) {
    return send("GET", path, null, Map.of("Authorization", "Bearer " + token));
  }

  /** Signs up a fresh user; returns the 201 body (id, token ...). */
  JsonNode signUp(String email, String password) {
    var r =
        post(
            "/users",
            "{\"email\":\""
                + email
                + "\",\"name\":\"Test User\",\"password\":\""
                + password
                + "\",\"timezone\":\"Europe/Berlin\"}");
    if (r.status() != 201) {
      throw new AssertionError("sign-up failed: " + r);
    }
    return r.json();
  }

  /** Logs in; returns the 201 body (token, userId, expiresAt). */
  Response logIn(String email, String password) {
    return post("/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  static String uniqueEmail(String name) {
    return name + "-" + java.util.UUID.randomUUID() + "@example.com";
  }
}
