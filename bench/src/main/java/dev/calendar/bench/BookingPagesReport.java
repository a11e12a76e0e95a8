package dev.calendar.bench;

import dev.calendar.bench.BookingPagesAnalysis.Target;
import java.util.List;

/** The notes {@code bench booking-pages} adds below its table, and how to run the node for it. */
final class BookingPagesReport {
  /**
   * A dev node for this bench. Its public routes allow 120 reads and 20 writes a minute per client
   * address by default, and every request of the bench comes from one address; system properties
   * override the node's configuration, and {@code bin/calendar} hands JAVA_OPTS to its JVM.
   */
  static final String NODE_FOR_THE_BENCH =
      "JAVA_OPTS='-Xms256m -Xmx1g"
          + " -Dcalendar.booking-pages.rate-limits.reads.per-minute=10000000"
          + " -Dcalendar.booking-pages.rate-limits.reads.burst=100000"
          + " -Dcalendar.booking-pages.rate-limits.writes.per-minute=10000000"
          + " -Dcalendar.booking-pages.rate-limits.writes.burst=100000' bin/calendar dev";

  private BookingPagesReport() {}

  /**
   * @param unbookedLeft listed starts the booking phase never reached
   */
  static void write(
      LoadReport report,
      BookingPagesSetUp.Result setUp,
      BookingPagesAnalysis a,
      int unbookedLeft,
      List<String> samples) {
    report.note(setUp.text());
    report.note("");
    report.note(lists("Slot lists, one host:", a.oneHost()));
    a.computed().ifPresent(c -> report.note(lists("  every window new:", c)));
    report.note(
        a.teams()
            .map(t -> lists("Slot lists, 3 hosts:", t))
            .orElse(
                "Slot lists, 3 hosts: not run (no 3 hosts share a zone; --users 7 or more gives"
                    + " one team)."));
    report.note(bookings(a.bookings(), unbookedLeft));
    report.note(
        String.format(
            "  For scale: public bookings/s ÷ raw journal persist rate = %.3f",
            a.bookingsPerPersist()));
    report.note("");
    a.cpu().forEach(row -> report.note(BookingReport.cpuLine(row)));
    report.note(
        "  node CPU per list (one host) by thread: " + BookingReport.threads(a.listThreads()));
    report.note(
        "  node CPU per booking by thread:         " + BookingReport.threads(a.bookingThreads()));
    report.note("");
    report.note("Targets (latencies of the 200s; a phase that met a 429 is not judged):");
    a.targets().forEach(t -> report.note(target(t)));
    long limited = a.limited() + setUp.limited();
    if (limited > 0) {
      report.note("");
      report.note(warning(limited));
    }
    samples.forEach(report::note);
  }

  static String parameters(Options options, int tags, HttpLoad http) {
    return options.describe(tags)
        + String.format(
            " --users %d --signup-concurrency %d%n  %s; lists: a random page's 31 days from the"
                + " current hour, in a random guest's zone; bookings: the listed starts of the"
                + " one-host pages in random order, a new guest each, no Idempotency-Key",
            options.users(), options.signUpConcurrency(), http.clientsText());
  }

  private static String lists(String name, BookingPagesAnalysis.Lists l) {
    return String.format(
        "%-21s %.1f lists/s (200), p50/p95/p99 of the 200s %s / %s / %s ms; 429: %d;"
            + " other answers %s.",
        name,
        l.rate(),
        LoadReport.millis(l.listed().p50()),
        LoadReport.millis(l.listed().p95()),
        LoadReport.millis(l.listed().p99()),
        l.limited(),
        LoadReport.errorsText(l.others()));
  }

  private static String bookings(BookingPagesAnalysis.Bookings b, int unbookedLeft) {
    return String.format(
            "Public bookings:      %.1f booked/s (201); 429: %d; other answers %s;"
                + " %d listed starts left unbooked%s",
            b.bookedRate(),
            b.limited(),
            LoadReport.errorsText(b.others()),
            unbookedLeft,
            b.noSlotLeft() == 0
                ? ""
                : " (every listed start was tried: " + b.noSlotLeft() + " bookings not sent)")
        + BookingReport.latencyRow("201:", b.booked())
        + BookingReport.latencyRow("409 (taken):", b.taken());
  }

  static String target(Target t) {
    String value =
        t.unit().equals("ms") ? LoadReport.millis(t.value()) : String.format("%.0f", t.value());
    String bound = String.format("%.0f", t.bound());
    String verdict =
        switch (t.verdict()) {
          case MET -> "met";
          case NOT_MET -> "NOT met";
          case NOT_MEASURED -> "not measured";
          case RATE_LIMITED -> "not judged (429s: the node's rate limits answered)";
        };
    return String.format(
        "  %-34s %8s %s %s %s %s: %s",
        t.what(), value, t.unit(), t.below() ? "<" : "≥", bound, t.unit(), verdict);
  }

  static String warning(long limited) {
    return String.format(
        "WARNING: the node answered %d requests with 429 Too Many Requests. Its limits per client"
            + " address on the public%n  booking routes (calendar.booking-pages.rate-limits: 120"
            + " reads and 20 writes a minute unless set) held%n  the bench, whose requests all"
            + " come from one address: the phases with 429s measured the limiter, and their%n"
            + "  targets are not judged. Start the node for this bench with%n    %s",
        limited, NODE_FOR_THE_BENCH);
  }
}
