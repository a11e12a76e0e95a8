package dev.calendar.bench;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code bin/calendar bench NAME [options]}: picks a load program. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    // Initialise logging on this thread first: else SLF4J warns that it replayed calls made by
    // actor-system threads while it was still starting.
    org.slf4j.LoggerFactory.getILoggerFactory();
    String name = args.length == 0 ? "help" : args[0];
    String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    Options options;
    try {
      options = Options.parse(rest, Options.Defaults.of(name));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help() || name.equals("help") || name.equals("--help")) {
      System.out.print(Options.USAGE);
      return;
    }
    try {
      switch (name) {
        case "signup" -> SignupBench.run(options);
        case "booking" -> BookingBench.run(options);
        case "booking-pages" -> BookingPagesBench.run(options);
        case "import" -> ImportBench.run(options);
        case "journal" -> journal(options);
        case "notifications" -> NotificationBench.run(options);
        case "two-way" -> TwoWayBench.run(options);
        default -> {
          System.err.println("unknown load program '" + name + "'");
          System.err.print(Options.USAGE);
          System.exit(2);
        }
      }
    } catch (IllegalStateException e) {
      System.err.println("bench " + name + " failed: " + e.getMessage());
      System.exit(1);
    }
    // Driver, HTTP client and Pekko threads may linger; the report is out, so leave now.
    System.exit(0);
  }

  private static void journal(Options options) throws Exception {
    ExecutorService executor = callbackExecutor();
    try {
      var report =
          new LoadReport(
              "calendar bench journal on Cassandra " + options.cassandra(),
              UnderTest.find(null, options.cassandra()));
      report.add(JournalBaseline.run(JournalBaseline.Settings.of(options), executor));
      LoadReport.publish(
          report.render(Machine.describe(), options.describe()),
          Path.of("bench", "target", "journal-report.txt"));
    } finally {
      executor.shutdownNow();
    }
  }

  /**
   * Where the load loops run their completion callbacks: a few threads of our own rather than the
   * common pool, which has parallelism 1 on 2 cores unless the JVM flag raises it (pitfall 1).
   */
  static ExecutorService callbackExecutor() {
    return Executors.newFixedThreadPool(4, daemonThreads("bench-callbacks"));
  }

  static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
