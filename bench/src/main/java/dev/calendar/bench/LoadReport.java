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
  private static final String ROW = "%-29s %8s %8s %8s %7s %7s %7s %11s %8s  %s%n";

  // Above this, another workload on the machine visibly lowers a phase's rate.
  private static final double DISTURBED_PERCENT = 20;

  private final String title;
  private final UnderTest underTest;
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final List<PhaseResult> phases = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /**
   * @param underTest the test's own processes: the node's CPU is shown apart, others' is a warning
   */
  LoadReport(String title, UnderTest underTest) {
    this.title = title;
    this.underTest = underTest;
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
            ROW,
            "phase",
            "requests",
            "ok",
            "ok/s",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "cpu (bench)",
            "node ms",
            "errors"));
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
              cpu(p.cpu()),
              millis(p.nodeCpuMillisPerSuccess(underTest)),
              errorsText(p.errors())));
    }
    out.append(
        "\nrequests: completed inside the measured window; ok/s: successes per second;"
            + " latencies: all completed requests;\ncpu: share of all cores busy during the window,"
            + " whole machine (of which the bench JVM itself);\nnode ms: CPU time the node"
            + " process spent per success (where it runs on this machine).\n");
    out.append("\ncpu by process in each window (% of one core, all cores = ")
        .append(100 * machine.cores())
        .append("%):\n");
    for (PhaseResult p : phases) {
      var attribution = p.window().attribute(underTest);
      out.append(String.format("  %-29s ", p.name()))
          .append(usages(attribution.top()))
          .append('\n');
      if (p.loadsNode() && !attribution.nodeThreads().isEmpty()) {
        out.append(String.format("  %-29s ", "  the node, by thread"))
            .append(usages(attribution.nodeThreads()))
            .append('\n');
      }
    }
    for (PhaseResult p : phases) {
      double foreign = p.window().attribute(underTest).foreignPercent();
      if (foreign >= DISTURBED_PERCENT) {
        out.append(
            String.format(
                "  warning: processes outside this test (builds, tests...) took %.0f%% of a core"
                    + " during %s: its figures are low.%n",
                foreign, p.name()));
      }
    }
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

  private static String cpu(CpuUse.Share cpu) {
    return percent(cpu.machine()) + " (" + percent(cpu.bench()) + ")";
  }

  private static String percent(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format("%.0f%%", 100 * fraction);
  }

  /** Milliseconds: two decimals under 10, one above; "-" when unknown. */
  static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "-";
    }
    return String.format(ms < 10 ? "%.2f" : "%.1f", ms);
  }

  private static String usages(List<ProcessCpu.Usage> usages) {
    return usages.stream()
        .map(u -> String.format("%s %.0f%%", u.name(), u.percentOfCore()))
        .collect(Collectors.joining(", "));
  }

  /** "none", or "label:count label:count". */
  static String errorsText(Map<String, Long> errors) {
    if (errors.isEmpty()) {
      return "none";
    }
    return errors.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
