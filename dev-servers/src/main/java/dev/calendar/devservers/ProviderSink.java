package dev.calendar.devservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in SMS and push provider for dev mode and tests: accepts {@code POST /sms} and {@code
 * POST /push} with any body (answering 202), logs each call on one line, keeps the last 1,000, and
 * lists them at {@code GET /messages} as JSON, {@code [{"path", "receivedAt", "body"}]} with the
 * body as the text received, newest last. Nothing is sent anywhere.
 */
public final class ProviderSink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProviderSink.class);

  public static final int DEFAULT_PORT = 3080;
  static final int KEPT = 1000;
  private static final int MAX_BODY_BYTES = 1 << 20;

  /** One call received. */
  public record Received(String path, Instant receivedAt, String body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Deque<Received> received = new ArrayDeque<>();

  private ProviderSink(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Listens on {@code host:port}; fails clearly if the port is taken. */
  public static ProviderSink start(String host, int port) {
    // The JDK server writes headers and body apart; with Nagle on, each answer then waits for the
    // client's delayed ACK (40 ms). Read once per JVM, so set it before the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    FreePorts.requireFree(host, port, "provider sink");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the provider sink on " + host + ":" + port, e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "provider-sink");
              t.setDaemon(true);
              return t;
            });
    ProviderSink sink = new ProviderSink(server, executor);
    server.createContext("/", sink::handle);
    server.setExecutor(executor);
    server.start();
    log.info("Provider sink up: http://{}:{} (POST /sms, POST /push, GET /messages)", host, port);
    return sink;
  }

  /** On a free port of 127.0.0.1. */
  public static ProviderSink withFreePort() {
    return start("127.0.0.1", FreePorts.next());
  }

  /** {@code http://host:port}, the base URL for the SMS and push settings. */
  public String url() {
    var address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The calls kept, oldest first. */
  public synchronized List<Received> messages() {
    return new ArrayList<>(received);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("POST") && (path.equals("/sms") || path.equals("/push"))) {
        String body = readBody(exchange.getRequestBody());
        if (body == null) {
          respond(exchange, 413, "text/plain", "body too large");
          return;
        }
        keep(new Received(path, Instant.now(), body));
        log.info("provider sink {} {}", path, body.replace('\n', ' '));
        respond(exchange, 202, "application/json", "{\"accepted\":true}");
      } else if (method.equals("GET") && path.equals("/messages")) {
        respond(exchange, 200, "application/json", json(messages()));
      } else {
        respond(exchange, 404, "text/plain", "POST /sms, POST /push or GET /messages");
      }
    }
  }

  private synchronized void keep(Received r) {
    received.addLast(r);
    while (received.size() > KEPT) {
      received.removeFirst();
    }
  }

  private static String readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static String json(List<Received> messages) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < messages.size(); i++) {
      Received r = messages.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"path\":")
          .append(quote(r.path()))
          .append(",\"receivedAt\":")
          .append(quote(r.receivedAt().toString()))
          .append(",\"body\":")
          .append(quote(r.body()))
          .append('}');
    }
    return b.append(']').toString();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
