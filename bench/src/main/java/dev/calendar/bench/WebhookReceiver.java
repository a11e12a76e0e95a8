package dev.calendar.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The other end of the node's webhooks in a load program: accepts every POST on loopback with a 200
 * at once (a fast subscriber, so the figures are the node's), and counts them.
 */
final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final LongAdder received = new LongAdder();

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    server.createContext(
        "/hook",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
          }
          received.increment();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
  }

  /** Where the node is to send them. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  long received() {
    return received.sum();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
