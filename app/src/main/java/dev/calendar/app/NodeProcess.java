package dev.calendar.app;

import dev.calendar.devservers.ParentWatchdog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A node in a JVM of its own ({@code Main node}), configured by environment variables, running
 * under {@link ParentWatchdog} so it exits when the process that started it dies. Used by {@code
 * bin/calendar cluster N} and by tests that kill nodes for real.
 */
public final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final int httpPort;

  private NodeProcess(Process process, int httpPort) {
    this.process = process;
    this.httpPort = httpPort;
  }

  /** Starts a node with these variables (HTTP_PORT among them) and the current classpath. */
  public static NodeProcess start(Map<String, String> env, Path logFile) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ParentWatchdog.class.getName());
    command.add(Main.class.getName());
    command.add("node");
    var builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(env);
    // stdin stays a pipe that this JVM never closes: its EOF tells the node we are gone.
    return new NodeProcess(builder.start(), Integer.parseInt(env.get("HTTP_PORT")));
  }

  public int httpPort() {
    return httpPort;
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until {@code /health/ready} answers 200. */
  public void awaitReady(Duration timeout) throws InterruptedException {
    var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node on port " + httpPort + " exited; see its log");
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250); // polling interval while waiting for the node's readiness
    }
    throw new IllegalStateException("node on port " + httpPort + " not ready in " + timeout);
  }

  /** SIGKILL: the node gets no chance to leave the cluster or flush anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL if it has not stopped within 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
