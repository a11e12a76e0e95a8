package dev.calendar.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * GET requests over plain HTTP/1.1 keep-alive connections, one blocking thread per caller: for
 * phases of many large answers. java.net.http spends about 0.4 ms of CPU per 20 KiB answer here, as
 * much as the node spends computing it; on a shared 2-core machine that CPU is taken from the node
 * under test. This client reads the status and headers and skips the body of an expected answer
 * (Content-Length or chunked), so the phase measures the node.
 */
final class PlainGets implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = (int) HttpLoad.HTTP_TIMEOUT.toMillis();

  /** An answer: its status, and its body when it was not the expected status (else null). */
  record Answer(int status, String body) {}

  private final String host;
  private final int port;
  private final ExecutorService threads;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();

  /** {@code callers}: how many requests may be in flight at once (one thread each). */
  PlainGets(URI base, int callers) {
    if (!"http".equals(base.getScheme())) {
      throw new IllegalArgumentException("plain HTTP only: " + base);
    }
    this.host = base.getHost();
    this.port = base.getPort() < 0 ? 80 : base.getPort();
    this.threads = Executors.newFixedThreadPool(callers, Bench.daemonThreads("bench-plain-get"));
  }

  /** GETs {@code path} (with its query); the body of an answer with {@code expected} is skipped. */
  CompletableFuture<Answer> get(String path, int expected) {
    return get(path, null, expected);
  }

  /** As {@link #get(String, int)}, with a bearer token (null: none). */
  CompletableFuture<Answer> get(String path, String bearer, int expected) {
    return CompletableFuture.supplyAsync(() -> exchange(path, bearer, expected), threads);
  }

  private Answer exchange(String path, String bearer, int expected) {
    Connection c = idle.poll();
    try {
      if (c == null) {
        c = new Connection(host, port);
      }
      Answer answer = c.get(host, port, path, bearer, expected);
      if (c.reusable) {
        idle.add(c);
      } else {
        c.close();
      }
      return answer;
    } catch (IOException e) {
      if (c != null) {
        c.close();
      }
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
    Connection c;
    while ((c = idle.poll()) != null) {
      c.close();
    }
  }

  /** One keep-alive connection; used by one thread at a time. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] scratch = new byte[64 * 1024];
    private boolean reusable = true;

    Connection(String host, int port) throws IOException {
      socket = new Socket();
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(READ_TIMEOUT_MS);
      in = new BufferedInputStream(socket.getInputStream(), scratch.length);
      out = socket.getOutputStream();
    }

    Answer get(String host, int port, String path, String bearer, int expected) throws IOException {
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: "
              + host
              + ":"
              + port
              + "\r\nAccept: */*\r\n"
              + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n")
              + "\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String statusLine = line();
      if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
        throw new IOException("not an HTTP/1.1 answer: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        int colon = header.indexOf(':');
        String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.contains("chunked");
          case "connection" -> reusable &= !value.contains("close");
          default -> {}
        }
      }
      ByteArrayOutputStream kept = status == expected ? null : new ByteArrayOutputStream();
      if (chunked) {
        for (long size = chunkSize(); size > 0; size = chunkSize()) {
          body(size, kept);
          line(); // the CRLF after the chunk
        }
        while (!line().isEmpty()) {} // trailers
      } else if (length >= 0) {
        body(length, kept);
      } else {
        reusable = false; // the body runs to the end of the connection
        body(Long.MAX_VALUE, kept);
      }
      return new Answer(status, kept == null ? null : kept.toString(StandardCharsets.UTF_8));
    }

    private long chunkSize() throws IOException {
      String size = line();
      int extension = size.indexOf(';');
      return Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    /** Reads {@code n} bytes of body (to the end when n is Long.MAX_VALUE) into kept, if any. */
    private void body(long n, ByteArrayOutputStream kept) throws IOException {
      long left = n;
      while (left > 0) {
        int read = in.read(scratch, 0, (int) Math.min(scratch.length, left));
        if (read < 0) {
          if (n == Long.MAX_VALUE) {
            return;
          }
          throw new EOFException("connection closed inside a body");
        }
        if (kept != null) {
          kept.write(scratch, 0, read);
        }
        left -= read;
      }
    }

    /** One header line, without its CRLF. */
    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new EOFException("connection closed inside a header");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a connection that failed: nothing left to do with it.
      }
    }
  }
}
