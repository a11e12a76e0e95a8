package dev.calendar.bench;

import java.util.List;
import java.util.stream.Collectors;

/** The notes {@code bench booking} adds below its table: the analysis and the audit, as text. */
final class BookingReport {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private BookingReport() {}

  static void write(
      LoadReport report,
      HttpLoad.SignUps setUp,
      BookingAnalysis a,
      BookingAudit.Result audit,
      List<CalendarMemory.Result> memory,
      List<String> samples) {
    report.note(setUp.text());
    ratios(report, a);
    report.note("");
    bookings(report, a.bookings());
    report.note("");
    a.cpu().forEach(row -> report.note(cpuLine(row)));
    report.note("  node CPU per booking by thread: " + threads(a.bookingThreads()));
    report.note("  node CPU per read by thread:    " + threads(a.readThreads()));
    a.budget().ifPresent(b -> report.note(budget(b)));
    a.verdict().ifPresent(v -> report.note(verdict(v)));
    report.note(audit.text());
    if (!memory.isEmpty()) {
      report.note(memoryTable(memory));
    }
    samples.forEach(report::note);
  }

  static String parameters(Options options, int tagsDefault, HttpLoad http) {
    return options.describe(tagsDefault)
        + " "
        + options.describeBooking()
        + String.format(
            "%n  %s; bookings by a random organizer with 1-3 random other users, 30 min at a"
                + " random quarter hour of the next 365 days, UTC, an Idempotency-Key each;"
                + " reads: a random user's 7-day window, by another random user",
            http.clientsText());
  }

  private static String judged(BookingAnalysis.Ratio r) {
    return r.met().map(met -> met ? "met" : "NOT met").orElse("not measured");
  }

  private static void ratios(LoadReport report, BookingAnalysis a) {
    var bookings = a.bookingsPerTaggedPersist();
    report.note(
        String.format(
            "bookings/s ÷ raw tagged persist rate = %.1f ÷ %.1f = %.3f (target ≥ %.1f: %s)",
            bookings.numerator(),
            bookings.denominator(),
            bookings.value(),
            bookings.target(),
            judged(bookings)));
    var reads = a.readsPerBooking();
    report.note(
        String.format(
            "availability reads/s ÷ bookings/s = %.1f ÷ %.1f = %.1f (target ≥ %.0f: %s)",
            reads.numerator(), reads.denominator(), reads.value(), reads.target(), judged(reads)));
    report.note(
        String.format(
            "  For scale: the cheapest authenticated request (an availability read, no write) ran"
                + " at %.2f x the tagged persist rate.",
            a.readsPerTaggedPersist()));
    a.mixed()
        .ifPresent(
            m ->
                report.note(
                    String.format(
                        "  mixed phase: %.1f bookings/s and %.1f reads/s together (%.1f reads per"
                            + " booking); p99 booking %s ms, read %s ms",
                        m.bookingRate(),
                        m.readRate(),
                        m.readsPerBooking(),
                        LoadReport.millis(m.p99BookingMillis()),
                        LoadReport.millis(m.p99ReadMillis()))));
  }

  private static void bookings(LoadReport report, BookingAnalysis.Bookings b) {
    report.note(
        String.format(
            "Bookings: %.1f booked/s (201), %.1f answered/s (201 + 409), 409 rate %.1f%%,"
                + " other answers %d%s.",
            b.bookedRate(),
            b.answeredRate(),
            b.conflictPercent(),
            b.others(),
            b.others() == 0 ? "" : " (" + LoadReport.errorsText(b.otherLabels()) + ")"));
    StringBuilder rows = new StringBuilder();
    for (var row : b.byCalendars()) {
      rows.append(latencyRow(row.name() + ":", row));
    }
    rows.append(latencyRow("409:", b.conflicts()));
    report.note(
        String.format(
                "  latency by calendars booked (each extra calendar is one more serial hold),"
                    + " %.2f calendars per 201 on average:",
                b.meanCalendars())
            + rows);
  }

  static String latencyRow(String name, BookingAnalysis.LatencyRow row) {
    return String.format(
        "%n  %-21s %6d, p50/p95/p99 %s / %s / %s ms",
        name,
        row.count(),
        LoadReport.millis(row.p50()),
        LoadReport.millis(row.p95()),
        LoadReport.millis(row.p99()));
  }

  static String cpuLine(BookingAnalysis.CpuRow row) {
    return String.format(
        "  CPU in %-18s machine %3.0f%% of %d cores; per %s: %snode %s ms, Cassandra %s ms,"
            + " bench %s ms",
        row.name() + ":",
        row.machinePercent(),
        CORES,
        row.unit(),
        row.benchWrites() ? "(the bench JVM is the writer) " : "",
        LoadReport.millis(row.nodeMillis()),
        LoadReport.millis(row.cassandraMillis()),
        LoadReport.millis(row.benchMillis()));
  }

  static String threads(List<PhaseCpu.ThreadCost> costs) {
    if (costs.isEmpty()) {
      return "-";
    }
    return costs.stream()
        .map(c -> String.format("%.2f ms %s", c.millis(), c.kind()))
        .collect(Collectors.joining(", "));
  }

  private static String budget(BookingAnalysis.Budget b) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            "  CPU per booking: node + its Cassandra %s ms (whole machine %s ms); the HTTP/auth"
                + " path (an availability read: %s ms) is %.0f%% of it.",
            LoadReport.millis(b.measuredMillis()),
            LoadReport.millis(b.machineMillis()),
            LoadReport.millis(b.readMillis()),
            b.readPercent()));
    b.model()
        .ifPresent(
            m ->
                out.append(
                    String.format(
                        "%n  Pieces measured in the bench JVM: a new event-sourced entity (spawn,"
                            + " recovery, one ask) %s ms, a hold + confirm%n  on a calendar (2"
                            + " asks, 1 persist) %s ms. Sum for one booking: HTTP/auth %s + new"
                            + " MeetingEntity %s + %.2f x %s%n  = %s ms, against %s ms measured:"
                            + " the rest (%s ms, %.0f%%) is the saga's own work and the JIT.",
                        LoadReport.millis(m.newEntityMillis()),
                        LoadReport.millis(m.holdConfirmMillis()),
                        LoadReport.millis(m.readMillis()),
                        LoadReport.millis(m.newEntityMillis()),
                        m.calendars(),
                        LoadReport.millis(m.holdConfirmMillis()),
                        LoadReport.millis(m.sumMillis()),
                        LoadReport.millis(b.measuredMillis()),
                        LoadReport.millis(b.measuredMillis() - m.sumMillis()),
                        100 * (b.measuredMillis() - m.sumMillis()) / b.measuredMillis())));
    return out.toString();
  }

  private static String verdict(BookingAnalysis.Verdict v) {
    if (v.cpuBound()) {
      return String.format(
          "=> CPU-bound: the machine was %.0f%% busy during the booking phase (node %.0f%%,"
              + " Cassandra %.0f%%, bench %.0f%%, everything %.0f%% of one core)%s.",
          v.machinePercent(),
          v.node(),
          v.cassandra(),
          v.bench(),
          v.all(),
          v.biggest()
              .map(b -> ";" + System.lineSeparator() + "   the largest share went to " + b)
              .orElse(""));
    }
    return String.format(
        "=> Not CPU-bound (machine %.0f%% busy): latency-bound; the %d callers spend their time"
            + " waiting for answers.",
        v.machinePercent(), v.callers());
  }

  private static String memoryTable(List<CalendarMemory.Result> results) {
    StringBuilder t = new StringBuilder();
    t.append(
        "Heap per live calendar (bench JVM: CalendarEntity spawned directly on the service's"
            + " Cassandra journal,\nfilled with PlaceHold + ConfirmHold of single 30-minute"
            + " bookings; heap after full GCs, after - before):\n");
    String row = "  %8s %9s %10s %12s %11s %7s %13s %13s  %s%n";
    t.append(
        String.format(
            row,
            "bookings",
            "calendars",
            "heap delta",
            "per calendar",
            "per booking",
            "fill s",
            "fill events/s",
            "CPU ms/unit",
            "check"));
    double base = Double.NaN;
    for (var r : results) {
      if (r.bookings() == 0) {
        base = r.bytesPerCalendar();
      }
      double perBooking =
          r.bookings() == 0 || Double.isNaN(base)
              ? Double.NaN
              : (r.bytesPerCalendar() - base) / r.bookings();
      t.append(
          String.format(
              row,
              r.bookings(),
              r.calendars(),
              String.format("%.1f MB", (r.heapAfter() - r.heapBefore()) / 1e6),
              String.format("%.1f KB", r.bytesPerCalendar() / 1e3),
              Double.isNaN(perBooking) ? "-" : String.format("%.0f B", perBooking),
              String.format("%.1f", r.fill().toNanos() / 1e9),
              r.bookings() == 0 ? "-" : String.format("%.0f", r.eventsPerSecond()),
              String.format(
                  "%.2f/%s", r.cpuMillisPerUnit(), r.bookings() == 0 ? "calendar" : "booking"),
              r.failures() == 0 && r.wrongState() == 0
                  ? "ok"
                  : r.failures() + " failed bookings, " + r.wrongState() + " calendars wrong"));
    }
    t.append(
        "  Each set is measured on top of the previous ones, all kept alive. In the node the"
            + " calendars of one meeting\n  share its Booking object; here each calendar has"
            + " its own, as after a recovery.\n  CPU ms/unit: bench JVM + Cassandra CPU while"
            + " filling; per calendar for 0 bookings (spawn, recovery of an empty journal,\n"
            + "  one read: about what each new MeetingEntity costs), per booking otherwise"
            + " (PlaceHold + ConfirmHold: 2 asks, 1 persist).");
    return t.toString();
  }
}
