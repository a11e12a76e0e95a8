package dev.calendar.devservers;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of every server child: {@code ParentWatchdog <real main class> [args...]}.
 *
 * <p>The parent keeps the write end of our stdin pipe open for as long as it lives and never writes
 * to it. When the parent dies, however it dies ({@code kill -9} included), the kernel closes that
 * pipe, our read returns EOF and we call {@link System#exit} so the server's own shutdown hooks
 * (Cassandra's drain, Kafka's controlled shutdown) still run. If those hang, a second timer halts
 * the JVM, so a child never outlives its parent for long.
 *
 * <p>JDK only, on purpose: this class is put on the server's classpath, which must not get any of
 * the application's libraries.
 */
public final class ParentWatchdog {

  /** Upper bound for the server's shutdown hooks after the parent has gone. */
  private static final long HALT_AFTER_MS = 60_000;

  private ParentWatchdog() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ParentWatchdog <main class> [args...]");
      System.exit(2);
    }
    Thread watcher = new Thread(ParentWatchdog::exitWhenStdinCloses, "parent-watchdog");
    watcher.setDaemon(true);
    watcher.start();

    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      // Cassandra's main returns after startup (its non-daemon threads keep the JVM alive); Kafka's
      // blocks until shutdown. Either way we just return afterwards.
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      // Non-daemon threads the server already started would otherwise keep a broken JVM alive.
      System.err.println("ParentWatchdog: " + args[0] + ".main failed");
      e.getCause().printStackTrace();
      System.exit(1);
    }
  }

  private static void exitWhenStdinCloses() {
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) >= 0) {
        // The parent never writes; anything read is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same as EOF: the parent is gone.
    }
    System.err.println("ParentWatchdog: parent process gone (stdin closed), shutting down");
    Thread halter =
        new Thread(
            () -> {
              try {
                Thread.sleep(HALT_AFTER_MS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              System.err.println("ParentWatchdog: shutdown hooks still running, halting");
              Runtime.getRuntime().halt(1);
            },
            "parent-watchdog-halt");
    halter.setDaemon(true); // daemon threads keep running while shutdown hooks run
    halter.start();
    System.exit(0);
  }
}
