package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests so malformed that the HTTP layer refuses them before any route sees them: still answered
 * as problem+json. Sent as raw bytes over a socket, since an HTTP client would not send them.
 */
class MalformedRequestIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    port = TestNodes.shared().httpPort();
  }

  record Malformed(String name, byte[] request, int status) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> requests() {
    String body = "{\"email\":\"a@example.com\",\"password\":\"password1\"}";
    return Stream.of(
            new Malformed(
                "a 64 KiB header",
                request("GET /health/alive HTTP/1.1", "X-Filler: " + "a".repeat(64 * 1024), ""),
                431),
            new Malformed(
                "a 100 KiB Idempotency-Key",
                request(
                    "POST /sessions HTTP/1.1",
                    "Content-Type: application/json\r\nIdempotency-Key: "
                        + "k".repeat(100 * 1024)
                        + "\r\nContent-Length: "
                        + body.length(),
                    body),
                431),
            new Malformed(
                "a URI over the limit",
                request("GET /users/" + "a".repeat(16 * 1024) + " HTTP/1.1", "", ""),
                414),
            new Malformed(
                "Content-Length with Transfer-Encoding",
                request(
                    "POST /sessions HTTP/1.1",
                    "Content-Type: application/json\r\nContent-Length: 2\r\n"
                        + "Transfer-Encoding: chunked",
                    "2\r\n{}\r\n0\r\n\r\n"),
                400),
            new Malformed(
                "two Content-Lengths",
                request(
                    "POST /sessions HTTP/1.1",
                    "Content-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3",
                    "{}"),
                400),
            new Malformed(
                "NUL in the Idempotency-Key header",
                request(
                    "POST /sessions HTTP/1.1",
                    "Content-Type: application/json\r\nIdempotency-Key: k\0k\r\nContent-Length: 2",
                    "{}"),
                400),
            new Malformed(
                "a broken percent-encoding in the query",
                request("GET /health/alive?x=%zz HTTP/1.1", "", ""),
                400),
            new Malformed("HTTP/9.9", request("GET /health/alive HTTP/9.9", "", ""), 505))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void answersWithAProblem(Malformed m) throws IOException {
    String answer = exchange(m.request());

    int headEnd = answer.indexOf("\r\n\r\n");
    assertThat(headEnd).as(answer).isPositive();
    String[] head = answer.substring(0, headEnd).split("\r\n");
    assertThat(head[0]).as(answer).startsWith("HTTP/1.1 " + m.status() + " ");
    String contentType = "";
    for (String line : head) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
        contentType = line.substring("content-type:".length()).trim();
      }
    }
    assertThat(contentType).as(answer).isEqualTo("application/problem+json");
    String text = answer.substring(headEnd + 4);
    JsonNode problem = JSON.readTree(text);
    assertThat(problem.get("status").asInt()).isEqualTo(m.status());
    assertThat(problem.get("type").asText()).isNotBlank();
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).isNotBlank();
    assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static byte[] request(String requestLine, String headers, String body) {
    String text =
        requestLine
            + "\r\nHost: 127.0.0.1\r\n"
            + (headers.isEmpty() ? "" : headers + "\r\n")
            + "Connection: close\r\n\r\n"
            + body;
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Sends the bytes and reads until the server closes the connection (it does after an error). */
  private String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before it has read everything; the answer still counts.
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) != -1) {
          received.write(buffer, 0, n);
        }
      } catch (IOException e) {
        if (received.size() == 0) {
          throw e;
        }
      }
      return received.toString(StandardCharsets.UTF_8);
    }
  }
}
