package dev.calendar.devservers.fakeapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.calendar.devservers.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server under a local provider: admin routes under {@code /dev/}, everything else is
 * the provider's API (and OAuth) where faults apply and requests are logged. One log line per call.
 */
public final class FakeHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FakeHttpServer.class);
  private static final int MAX_BODY_BYTES = 4 << 20;

  /**
   * Threads answering requests. Microsoft's subscription handshake blocks one for up to 10 s while
   * the receiver answers, so a few more than the provider sink's two.
   */
  private static final int THREADS = 6;

  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Routes api;
  private final Routes admin;
  private final ErrorShape errors;
  private final Faults faults;
  private final RequestLog requests;

  private FakeHttpServer(
      String name,
      HttpServer server,
      ExecutorService executor,
      Routes api,
      Routes admin,
      ErrorShape errors,
      Faults faults,
      RequestLog requests) {
    this.name = name;
    this.server = server;
    this.executor = executor;
    this.api = api;
    this.admin = admin;
    this.errors = errors;
    this.faults = faults;
    this.requests = requests;
  }

  /** Listens on {@code host:port} (0: any free port); fails clearly if the port is taken. */
  public static FakeHttpServer start(
      String name,
      String host,
      int port,
      Routes api,
      Routes admin,
      ErrorShape errors,
      Faults faults,
      RequestLog requests) {
    // The JDK server writes headers and body apart; with Nagle on, each answer then waits for the
    // client's delayed ACK (40 ms). Read once per JVM, so set it before the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (port != 0) {
      FreePorts.requireFree(host, port, name);
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name + " on " + host + ":" + port, e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread t = new Thread(r, name.replace(' ', '-'));
              t.setDaemon(true);
              return t;
            });
    FakeHttpServer fake =
        new FakeHttpServer(name, server, executor, api, admin, errors, faults, requests);
    server.createContext("/", fake::handle);
    server.setExecutor(executor);
    server.start();
    log.info("{} up: {}", name, fake.url());
    return fake;
  }

  /** {@code http://host:port}. */
  public String url() {
    InetSocketAddress address = server.getAddress();
    return "http://" + address.getHostString() + ":" + address.getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES);
      HttpCall call =
          new HttpCall(
              method,
              path,
              query,
              exchange.getRequestHeaders(),
              new String(bytes, StandardCharsets.UTF_8));
      boolean isAdmin = path.equals("/dev") || path.startsWith("/dev/");
      Answer answer = isAdmin ? run(admin, call) : runApi(call);
      if (!isAdmin) {
        requests.add(method, path, query, answer.status());
      }
      log.info("{} {} {} -> {}", name, method, path, answer.status());
      send(exchange, answer);
    }
  }

  private Answer runApi(HttpCall call) {
    Faults.Fault fault = faults.take(call.method(), call.path());
    if (fault == null) {
      return run(api, call);
    }
    if (fault.delayMs() > 0) {
      try {
        Thread.sleep(fault.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (fault.slowOnly()) {
      return run(api, call);
    }
    if (fault.afterApply()) {
      run(api, call); // carried out; only the answer is lost
    }
    return fault.answer(errors);
  }

  private Answer run(Routes routes, HttpCall call) {
    Routes.Handler handler = routes.find(call);
    if (handler == null) {
      return errors.error(404, "notFound", "No route for " + call.method() + " " + call.path());
    }
    try {
      return handler.handle(call);
    } catch (ApiException e) {
      return e.answer();
    } catch (RuntimeException e) {
      log.warn("{} {} {} failed", name, call.method(), call.path(), e);
      return errors.error(500, "backendError", "Internal error: " + e);
    }
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (answer.contentType() != null) {
      exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    }
    boolean noBody = answer.body().length == 0;
    exchange.sendResponseHeaders(answer.status(), noBody ? -1 : answer.body().length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
