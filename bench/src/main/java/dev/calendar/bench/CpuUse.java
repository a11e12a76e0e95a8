package dev.calendar.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU use between two samples: the whole machine's (from {@code /proc/stat}) and the bench JVM's
 * own. Where the servers, the node and the bench share the cores, a machine near 100% says the rate
 * is CPU-bound, and the bench's share says how much of that the load generator itself takes.
 */
record CpuUse(long machineBusy, long machineTotal, long benchNanos, long wallNanos) {
  private static final Path STAT = Path.of("/proc/stat");
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** Fractions of all cores, NaN where unknown. */
  record Share(double machine, double bench) {}

  static CpuUse sample() {
    long busy = -1;
    long total = -1;
    try {
      // cpu  user nice system idle iowait irq softirq steal ... (in clock ticks)
      String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      total = 0;
      for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
        total += Long.parseLong(f[i]);
      }
      busy = total - Long.parseLong(f[4]) - Long.parseLong(f[5]);
    } catch (IOException | RuntimeException e) {
      // Not Linux: the machine's share stays unknown.
    }
    long bench = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      bench = os.getProcessCpuTime();
    }
    return new CpuUse(busy, total, bench, System.nanoTime());
  }

  static Share between(CpuUse start, CpuUse end) {
    double machine =
        start.machineTotal < 0 || end.machineTotal <= start.machineTotal
            ? Double.NaN
            : (double) (end.machineBusy - start.machineBusy)
                / (end.machineTotal - start.machineTotal);
    double bench =
        start.benchNanos < 0
            ? Double.NaN
            : (double) (end.benchNanos - start.benchNanos)
                / ((double) (end.wallNanos - start.wallNanos) * CORES);
    return new Share(machine, bench);
  }
}
