package dev.calendar.bench;

import java.util.List;

/**
 * Where the CPU went in one phase's measured window, as plain figures: the machine's busy share
 * (fraction of all cores) and, in percent of one core, the whole machine, the node, its Cassandra
 * and the bench JVM (NaN where unknown), and the node's CPU by kind of thread.
 */
record PhaseCpu(
    double machineShare,
    double machinePercent,
    double nodePercent,
    double cassandraPercent,
    double benchPercent,
    List<ProcessCpu.Usage> nodeThreads) {

  static PhaseCpu of(PhaseResult phase, UnderTest underTest) {
    var w = phase.window();
    return new PhaseCpu(
        phase.cpu().machine(),
        w.machinePercent(),
        w.percentOf(underTest.node()),
        w.percentOf(underTest.cassandra()),
        w.benchPercent(),
        w.attribute(underTest).nodeThreads());
  }

  /** The node's CPU per unit of work on one kind of thread, in ms. */
  record ThreadCost(String kind, double millis) {}

  /** The node's CPU per unit of work at {@code rate}/s by kind of thread, the busiest first. */
  List<ThreadCost> threadCosts(double rate, int kinds) {
    return nodeThreads.stream()
        .limit(kinds)
        .map(u -> new ThreadCost(u.name(), millisPerUnit(u.percentOfCore(), rate)))
        .toList();
  }

  /** Milliseconds of CPU per unit of work, for a use of {@code percentOfCore} at {@code rate}/s. */
  static double millisPerUnit(double percentOfCore, double rate) {
    return percentOfCore / 100 / rate * 1000;
  }
}
