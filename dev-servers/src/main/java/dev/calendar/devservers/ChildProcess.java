package dev.calendar.devservers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server JVM started through {@link ParentWatchdog}, its output appended to a log file.
 *
 * <p>Its stdin stays a pipe whose write end only this JVM holds and never closes while the child
 * runs: when this JVM dies the pipe closes and the watchdog stops the server. With {@code setsid}
 * available the child gets a session of its own, so Ctrl-C in a terminal reaches only this JVM,
 * which then stops the node before the servers. (setsid execs into java without forking, since a
 * child of ours is never a process group leader, so {@link Process#pid()} is the java pid.)
 */
final class ChildProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  /** The launcher's and JVM's option variables would leak the application's settings. */
  private static final List<String> SCRUBBED_ENV =
      List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "CLASSPATH");

  private final String name;
  private final Process process;
  private final LogFile logFile;
  private boolean closed;

  private ChildProcess(String name, Process process, LogFile logFile) {
    this.name = name;
    this.process = process;
    this.logFile = logFile;
  }

  /**
   * Starts {@code mainClass} with {@code args} in a new JVM on {@code classpath}, in {@code
   * workingDir}, appending its stdout and stderr to {@code logPath}.
   */
  static ChildProcess start(
      String name,
      List<Path> classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Path workingDir,
      Path logPath) {
    List<Path> fullClasspath = new ArrayList<>(classpath);
    fullClasspath.add(watchdogLocation(workingDir));
    List<String> command = new ArrayList<>();
    Path setsid = Executables.onPath("setsid");
    if (setsid != null) {
      command.add(setsid.toString());
    }
    command.add(Executables.java().toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(
        fullClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.add(ParentWatchdog.class.getName());
    command.add(mainClass);
    command.addAll(args);

    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logPath.toFile()));
    // stdin: left as ProcessBuilder's default PIPE on purpose (see the class comment).
    Map<String, String> env = builder.environment();
    SCRUBBED_ENV.forEach(env::remove);
    try {
      Files.createDirectories(logPath.getParent());
      LogFile.append(
          logPath,
          "\n===== "
              + Instant.now()
              + " starting "
              + name
              + ": "
              + mainClass
              + " "
              + String.join(" ", args)
              + " =====\n");
      LogFile logFile = new LogFile(logPath);
      Process process = builder.start();
      log.info("Started {} (pid {}), log {}", name, process.pid(), logPath);
      return new ChildProcess(name, process, logFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** Runs a short tool to its end; fails with the log's tail unless it exits with 0. */
  static void run(
      String name,
      List<Path> classpath,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      Path workingDir,
      Path logPath,
      Duration timeout) {
    ChildProcess child = start(name, classpath, jvmArgs, mainClass, args, workingDir, logPath);
    try {
      if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        child.close();
        throw child.failure(name + " did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.close();
      throw child.failure("interrupted while running " + name);
    }
    child.close();
    if (child.process.exitValue() != 0) {
      throw child.failure(name + " failed with exit code " + child.process.exitValue());
    }
  }

  /**
   * Waits until {@code ready} holds; on timeout, or if the child exits first, stops it and throws
   * with the tail of its log.
   */
  void awaitReady(Duration timeout, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        if (!process.isAlive()) {
          close();
          throw failure(name + " exited with code " + process.exitValue() + " before it was ready");
        }
        if (ready.getAsBoolean()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          close();
          throw failure(name + " was not ready within " + timeout.toSeconds() + " s");
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw failure("interrupted while waiting for " + name);
    }
  }

  boolean logContains(String marker) {
    return logFile.contains(marker);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Graceful stop: SIGTERM, up to 30 s for the server's shutdown hooks, then SIGKILL. */
  @Override
  public void close() {
    stop(true);
  }

  /** SIGKILL at once, for servers whose data is thrown away anyway (tests). */
  void kill() {
    stop(false);
  }

  private void stop(boolean graceful) {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    // Taken before the stop: once the child is gone its own children are no longer its
    // descendants.
    List<ProcessHandle> descendants = process.descendants().toList();
    boolean interrupted = false;
    if (process.isAlive()) {
      log.info("Stopping {} (pid {})", name, process.pid());
      // Through the handle: Process.destroy() would also close the child's stdin at once.
      if (graceful) {
        process.toHandle().destroy();
      } else {
        process.toHandle().destroyForcibly();
      }
      try {
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          log.warn("{} did not stop within {} s, killing it", name, STOP_TIMEOUT.toSeconds());
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        interrupted = true;
        process.destroyForcibly();
      }
    }
    for (ProcessHandle descendant : descendants) {
      if (descendant.isAlive()) {
        log.warn("Killing leftover process {} of {}", descendant.pid(), name);
        descendant.destroyForcibly();
      }
    }
    try {
      process.getOutputStream().close(); // only now: closing it earlier would stop the child
    } catch (IOException e) {
      // The child is gone; nothing to flush.
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  IllegalStateException failure(String message) {
    return new IllegalStateException(message + "\n" + LogFile.tail(logFile.path(), 60));
  }

  /** Whether something accepts TCP connections on {@code host:port}. */
  static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Where {@link ParentWatchdog} can be loaded from: the dev-servers jar or classes directory. If
   * we were packaged into a bigger jar (which would bring the application's libraries onto the
   * server's classpath) the class file is copied to {@code workDir/watchdog} instead.
   */
  static Path watchdogLocation(Path workDir) {
    try {
      Path location =
          Path.of(ParentWatchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      String fileName = location.getFileName().toString();
      if (Files.isDirectory(location) || fileName.startsWith("dev-servers")) {
        return location;
      }
    } catch (URISyntaxException | RuntimeException e) {
      // Fall through to the copy.
    }
    Path dir = workDir.resolve("watchdog");
    String resource = ParentWatchdog.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    try (InputStream in = ParentWatchdog.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("cannot find " + resource);
      }
      Files.createDirectories(target.getParent());
      Files.write(target, in.readAllBytes());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
