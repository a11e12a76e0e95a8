package dev.calendar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The plain-text report: one row per phase, then derived figures, the machine and parameters. */
final class LoadReport {
  private static final String ROW = "%-28s %9s %9s %9s %8s %8s %8s %5s  %s%n";

  private final String title;
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final List<PhaseResult> phases = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  LoadReport(String title) {
    this.title = title;
  }

  PhaseResult add(PhaseResult phase) {
    phases.add(phase);
    return phase;
  }

  void note(String line) {
    notes.add(line);
  }

  String render(Machine machine, String parameters) {
    var out = new StringBuilder();
    out.append(title).append(", started ").append(started).append("\n\n");
    out.append(
        String.format(
            ROW, "phase", "requests", "ok", "ok/s", "p50 ms", "p95 ms", "p99 ms", "cpu", "errors"));
    for (PhaseResult p : phases) {
      out.append(
          String.format(
              ROW,
              p.name(),
              p.requests(),
              p.successes(),
              String.format("%.1f", p.rate()),
              millis(p.latencies().millisAt(50)),
              millis(p.latencies().millisAt(95)),
              millis(p.latencies().millisAt(99)),
              Double.isNaN(p.cpuBusy()) ? "-" : String.format("%.0f%%", 100 * p.cpuBusy()),
              errors(p.errors())));
    }
    out.append(
        "\nrequests: completed inside the measured window; ok/s: successes per second;"
            + " latencies: all completed requests;\ncpu: whole machine busy during the window.\n");
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(n -> out.append(n).append('\n'));
    }
    out.append("\nmachine: ")
        .append(machine.cores())
        .append(" cores, ")
        .append(machine.cpuModel())
        .append(", ")
        .append(machine.os())
        .append('\n');
    out.append("java -version:\n");
    machine.javaVersion().lines().forEach(l -> out.append("  ").append(l).append('\n'));
    out.append("parameters: ").append(parameters).append('\n');
    return out.toString();
  }

  /** Prints the report and writes it to {@code file}. */
  static void publish(String text, Path file) throws IOException {
    System.out.print(text);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    System.out.println("(written to " + file + ")");
  }

  private static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "-";
    }
    return String.format(ms < 10 ? "%.2f" : "%.1f", ms);
  }

  private static String errors(Map<String, Long> errors) {
    if (errors.isEmpty()) {
      return "none";
    }
    return errors.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
