package dev.calendar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whole-machine CPU use between two samples of {@code /proc/stat}: on a machine where the servers,
 * the node and the bench share the cores, 100% busy says the rate is CPU-bound.
 */
record CpuBusy(long busy, long total) {
  private static final Path STAT = Path.of("/proc/stat");

  /** A sample, or null where there is no {@code /proc/stat} (not Linux). */
  static CpuBusy sample() {
    try {
      // cpu  user nice system idle iowait irq softirq steal guest guest_nice (jiffies)
      String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
      return new CpuBusy(total - idle, total);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Fraction busy from {@code start} to {@code end}, NaN when either is missing. */
  static double between(CpuBusy start, CpuBusy end) {
    if (start == null || end == null || end.total == start.total) {
      return Double.NaN;
    }
    return (double) (end.busy - start.busy) / (end.total - start.total);
  }
}
