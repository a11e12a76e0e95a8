package dev.calendar.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time per process from {@code /proc}: which process took the cores during a phase (the node,
 * its Cassandra and Kafka, the bench itself, or somebody's build on a shared machine). Linux only;
 * elsewhere the samples are empty. Processes that ended inside a window are not seen one by one.
 */
final class ProcessCpu {
  private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on Linux
  private static final long SELF = ProcessHandle.current().pid();
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final int TOP = 4;
  // Java options whose value is the next argument, to find the main class after them.
  private static final Set<String> JAVA_OPTIONS_WITH_VALUE =
      Set.of(
          "-cp",
          "-classpath",
          "--class-path",
          "-p",
          "--module-path",
          "--add-exports",
          "--add-opens",
          "--add-modules",
          "--add-reads");

  /** A process's CPU use in a window, in percent of one core (2 cores busy = 200%). */
  record Usage(String name, double percentOfCore) {}

  /**
   * Who used the CPU in a window: the busiest processes, then what the machine spent beyond every
   * process still alive at the end (short-lived ones: somebody's build or test); the node in total
   * (NaN when unknown); and everything outside this test (neither the bench nor the node and its
   * child processes), which makes a phase's figures low; and the node's CPU by kind of thread.
   */
  record Attribution(
      List<Usage> top, double nodePercent, double foreignPercent, List<Usage> nodeThreads) {}

  /** Two samples around a measured window, and the machine's busy share in it. */
  record Window(ProcessCpu start, ProcessCpu end, double machineShare) {
    /** One process's CPU use in the window (% of one core), NaN when it was not seen at the end. */
    double percentOf(OptionalLong pid) {
      if (pid.isEmpty() || !end.ticks.containsKey(pid.getAsLong())) {
        return Double.NaN;
      }
      long used = end.ticks.get(pid.getAsLong()) - start.ticks.getOrDefault(pid.getAsLong(), 0L);
      return 100 * used / TICKS_PER_SECOND / ((end.nanoTime - start.nanoTime) / 1e9);
    }

    /** The bench JVM's own CPU use in the window (% of one core). */
    double benchPercent() {
      return percentOf(OptionalLong.of(SELF));
    }

    /** The whole machine's busy time in the window (% of one core; all cores = 100% x cores). */
    double machinePercent() {
      return 100 * machineShare * CORES;
    }

    Attribution attribute(UnderTest underTest) {
      OptionalLong nodePid = underTest.node();
      double seconds = (end.nanoTime - start.nanoTime) / 1e9;
      Set<Long> ours = new HashSet<>(Set.of(SELF));
      nodePid.ifPresent(pid -> ours.addAll(end.withDescendants(pid)));
      underTest.cassandra().ifPresent(pid -> ours.addAll(end.withDescendants(pid)));
      Set<Long> nodeFamily =
          nodePid.isPresent() ? end.withDescendants(nodePid.getAsLong()) : Set.of();
      List<Usage> usages = new ArrayList<>();
      double node = Double.NaN;
      double oursPercent = 0;
      for (var e : end.ticks.entrySet()) {
        long pid = e.getKey();
        // A process born inside the window used all its ticks inside it.
        long used = e.getValue() - start.ticks.getOrDefault(pid, 0L);
        double percent = 100 * used / TICKS_PER_SECOND / seconds;
        boolean isNode = nodePid.isPresent() && nodePid.getAsLong() == pid;
        String name = end.names.get(pid);
        if (isNode) {
          name = "node";
        } else if (nodeFamily.contains(pid)) {
          name = "node's " + name; // dev mode's Cassandra and Kafka
        }
        usages.add(new Usage(name, percent));
        if (isNode) {
          node = percent;
        }
        if (ours.contains(pid)) {
          oursPercent += percent;
        }
      }
      usages.sort(Comparator.comparingDouble(Usage::percentOfCore).reversed());
      double attributed = usages.stream().mapToDouble(Usage::percentOfCore).sum();
      List<Usage> top = new ArrayList<>();
      for (Usage u : usages.subList(0, Math.min(TOP, usages.size()))) {
        if (u.percentOfCore() >= 1) {
          top.add(u);
        }
      }
      double machine = 100 * machineShare * CORES;
      if (machine - attributed >= 5) {
        top.add(new Usage("ended in window/other", machine - attributed));
      }
      List<Usage> threads = new ArrayList<>();
      nodePid.ifPresent(
          pid ->
              end.threadTicks
                  .getOrDefault(pid, Map.of())
                  .forEach(
                      (kind, t) -> {
                        long before =
                            start.threadTicks.getOrDefault(pid, Map.of()).getOrDefault(kind, 0L);
                        double percent = 100 * (t - before) / TICKS_PER_SECOND / seconds;
                        if (percent >= 1) {
                          threads.add(new Usage(kind, percent));
                        }
                      }));
      threads.sort(Comparator.comparingDouble(Usage::percentOfCore).reversed());
      return new Attribution(top, node, Math.max(0, machine - oursPercent), threads);
    }
  }

  private final Map<Long, Long> ticks;
  private final Map<Long, Long> parents;
  // Named when sampled: a short-lived process may be gone by the time the report is written.
  private final Map<Long, String> names;
  // Per process, CPU ticks by kind of thread (threads that ended inside a window are not seen).
  private final Map<Long, Map<String, Long>> threadTicks;
  private final long nanoTime;

  private ProcessCpu(
      Map<Long, Long> ticks,
      Map<Long, Long> parents,
      Map<Long, String> names,
      Map<Long, Map<String, Long>> threadTicks,
      long nanoTime) {
    this.ticks = ticks;
    this.parents = parents;
    this.names = names;
    this.threadTicks = threadTicks;
    this.nanoTime = nanoTime;
  }

  static ProcessCpu sample() {
    Map<Long, Long> ticks = new HashMap<>();
    Map<Long, Long> parents = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    Map<Long, Map<String, Long>> threadTicks = new HashMap<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .forEach(
              p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                try {
                  String stat = Files.readString(p.resolve("stat"));
                  // The command name (field 2) may hold spaces: split after its parenthesis.
                  String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                  parents.put(pid, Long.parseLong(f[1]));
                  ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12])); // utime + stime
                  names.put(pid, name(pid));
                  threadTicks.put(pid, threadTicks(p));
                } catch (IOException | RuntimeException e) {
                  // Gone since the listing.
                }
              });
    } catch (IOException | RuntimeException e) {
      // Not Linux: nothing to attribute.
    }
    return new ProcessCpu(ticks, parents, names, threadTicks, System.nanoTime());
  }

  /** CPU ticks of a process's live threads, summed by {@link #threadKind}. */
  private static Map<String, Long> threadTicks(Path proc) {
    Map<String, Long> byKind = new HashMap<>();
    try (Stream<Path> tasks = Files.list(proc.resolve("task"))) {
      tasks.forEach(
          task -> {
            try {
              String stat = Files.readString(task.resolve("stat"));
              String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
              String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              byKind.merge(
                  threadKind(comm), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
            } catch (IOException | RuntimeException e) {
              // The thread ended meanwhile.
            }
          });
    } catch (IOException | RuntimeException e) {
      // The process ended meanwhile.
    }
    return byKind;
  }

  /**
   * What a JVM thread does, from its name as Linux keeps it (15 characters): the node's actor
   * system is "calendar", so "calendar-calendar.blocking-dispatcher-N" (password hashing) shows as
   * "calendar-calend".
   */
  static String threadKind(String comm) {
    if (comm.startsWith("calendar-calend")) {
      return "blocking dispatcher (Argon2id)";
    }
    if (comm.contains("pekko")) {
      return "Pekko dispatchers";
    }
    if (comm.startsWith("GC Thread") || comm.startsWith("G1 ") || comm.equals("VM Thread")) {
      return "GC";
    }
    if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
      return "JIT";
    }
    if (comm.startsWith("s0-")) {
      return "Cassandra driver";
    }
    return "other";
  }

  private Set<Long> withDescendants(long root) {
    Set<Long> family = new HashSet<>(Set.of(root));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (var e : parents.entrySet()) {
        if (family.contains(e.getValue()) && family.add(e.getKey())) {
          grew = true;
        }
      }
    }
    return family;
  }

  /** A short name: the main class (and its first short argument) for a JVM, else the program. */
  private static String name(long pid) {
    if (pid == SELF) {
      return "bench (this JVM)";
    }
    Path proc = Path.of("/proc", Long.toString(pid));
    List<String> args;
    try {
      args =
          List.of(
              new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                  .split("\0"));
      if (args.isEmpty() || args.get(0).isEmpty()) {
        return Files.readString(proc.resolve("comm")).trim(); // a kernel thread
      }
    } catch (IOException e) {
      return "pid " + pid;
    }
    String program = Path.of(args.get(0)).getFileName().toString();
    if (!program.equals("java")) {
      return program;
    }
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (JAVA_OPTIONS_WITH_VALUE.contains(a)) {
        i++;
      } else if (a.equals("-jar") && i + 1 < args.size()) {
        return Path.of(args.get(i + 1)).getFileName().toString();
      } else if (!a.startsWith("-")) {
        String main = a.substring(a.lastIndexOf('.') + 1);
        if (main.equals("ParentWatchdog")) {
          continue; // dev-servers' wrapper: the server's own main class comes next
        }
        if (main.equals("Launcher") && a.contains("plexus")) {
          return "mvn";
        }
        String next = i + 1 < args.size() ? args.get(i + 1) : "";
        return next.isEmpty() || next.startsWith("-") || next.contains("/") || next.length() > 20
            ? main
            : main + " " + next;
      }
    }
    return "java";
  }
}
