package dev.calendar.stream.sync.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A provider's HTTP API for tests: canned answers by method and path, every request recorded. Each
 * route answers its replies in turn and then repeats the last; a route without one answers 404.
 */
public final class ProviderStub implements AutoCloseable {

  /** A request as it arrived; {@code query} raw (still encoded). */
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }

    /** The query's parameters, decoded. */
    public Map<String, String> params() {
      return decode(query);
    }

    /** The form-encoded body's fields, decoded, in order. */
    public Map<String, String> form() {
      return decode(body);
    }

    public JsonNode json() {
      return ProviderJson.parseOrMissing(body);
    }
  }

  /**
   * An answer: status, JSON (or empty) body, headers, how long to wait before sending it, and
   * whether to send it chunked (no Content-Length).
   */
  public record Reply(
      int status, String body, Map<String, String> headers, long delayMillis, boolean chunked) {
    public static Reply json(int status, String body) {
      return new Reply(status, body, Map.of(), 0, false);
    }

    public Reply inChunks() {
      return new Reply(status, body, headers, delayMillis, true);
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, body, more, delayMillis, chunked);
    }

    public Reply delayed(long millis) {
      return new Reply(status, body, headers, millis, chunked);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Deque<Reply>> routes = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();

  private ProviderStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static ProviderStub start() {
    try {
      return new ProviderStub();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:port}. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code method path} (the path without query) with {@code replies}, in turn. */
  public ProviderStub on(String method, String path, Reply... replies) {
    routes.put(method + " " + path, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Request last() {
    List<Request> all = requests();
    return all.get(all.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      requests.add(
          new Request(
              method,
              path,
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      Reply reply = next(method + " " + path);
      if (reply.delayMillis() > 0) {
        Thread.sleep(reply.delayMillis());
      }
      reply.headers().forEach(exchange.getResponseHeaders()::add);
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      if (bytes.length > 0) {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
      }
      exchange.sendResponseHeaders(
          reply.status(), bytes.length == 0 ? -1 : reply.chunked() ? 0 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException hungUp) {
      // the client gave up (a timeout test)
    }
  }

  private Reply next(String route) {
    Deque<Reply> replies = routes.get(route);
    if (replies == null || replies.isEmpty()) {
      return Reply.json(
          404, "{\"error\":{\"code\":404,\"message\":\"no stub for " + route + "\"}}");
    }
    synchronized (replies) {
      return replies.size() > 1 ? replies.poll() : replies.peek();
    }
  }

  private static Map<String, String> decode(String encoded) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return fields;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      fields.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }
}
