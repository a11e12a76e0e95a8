package dev.calendar.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs an asynchronous operation from a fixed number of concurrent callers, each starting its next
 * operation when the previous one completes: warm-up, then a measured window. Counted are the
 * operations that complete inside the window (whenever they started), so the rate is completions
 * per second in steady state and long operations straddling the edges do not bias it.
 */
final class ClosedLoop {
  private final Supplier<CompletionStage<Outcome>> operation;
  private final Executor executor;
  private final long from;
  private final long to;
  private final CountDownLatch stopped;
  private final Latencies latencies = new Latencies();
  private final LongAdder requests = new LongAdder();
  private final LongAdder successes = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final Map<Outcome, Latencies> latenciesByOutcome = new ConcurrentHashMap<>();

  private ClosedLoop(
      Supplier<CompletionStage<Outcome>> operation,
      Executor executor,
      long from,
      long to,
      int concurrency) {
    this.operation = operation;
    this.executor = executor;
    this.from = from;
    this.to = to;
    this.stopped = new CountDownLatch(concurrency);
  }

  /**
   * Runs the phase and blocks until it is over. Callbacks run on {@code executor}, never on
   * whatever thread completed the stage (pitfall 1 of INFRA-NOTES: the common pool is tiny on 2
   * cores), and never recursively on the caller's stack.
   *
   * @param drain how long to wait after the window for operations still in flight
   */
  static PhaseResult run(
      String name,
      int concurrency,
      Duration warmup,
      Duration duration,
      Duration drain,
      Supplier<CompletionStage<Outcome>> operation,
      Executor executor)
      throws InterruptedException {
    long start = System.nanoTime();
    long from = start + warmup.toNanos();
    long to = from + duration.toNanos();
    var loop = new ClosedLoop(operation, executor, from, to, concurrency);
    for (int i = 0; i < concurrency; i++) {
      executor.execute(loop::next);
    }
    sleepUntil(from);
    CpuUse cpuStart = CpuUse.sample();
    ProcessCpu processesStart = ProcessCpu.sample();
    sleepUntil(to);
    CpuUse cpuEnd = CpuUse.sample();
    ProcessCpu processesEnd = ProcessCpu.sample();
    if (!loop.stopped.await(drain.toMillis(), TimeUnit.MILLISECONDS)) {
      System.err.printf(
          "%s: %d callers still waiting %d s after the window%n",
          name, loop.stopped.getCount(), drain.toSeconds());
    }
    CpuUse.Share cpu = CpuUse.between(cpuStart, cpuEnd);
    var errorCounts = new TreeMap<String, Long>();
    loop.errors.forEach((label, n) -> errorCounts.put(label, n.sum()));
    var outcomeCounts = new HashMap<Outcome, Long>();
    loop.outcomes.forEach((outcome, n) -> outcomeCounts.put(outcome, n.sum()));
    return new PhaseResult(
        name,
        loop.requests.sum(),
        loop.successes.sum(),
        errorCounts,
        duration,
        loop.latencies,
        cpu,
        new ProcessCpu.Window(processesStart, processesEnd, cpu.machine()),
        false,
        Map.copyOf(outcomeCounts),
        Map.copyOf(loop.latenciesByOutcome));
  }

  private void next() {
    long begin = System.nanoTime();
    if (begin - to >= 0) {
      stopped.countDown();
      return;
    }
    CompletionStage<Outcome> stage;
    try {
      stage = operation.get();
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenCompleteAsync(
        (outcome, error) -> {
          long end = System.nanoTime();
          if (end - from >= 0 && end - to < 0) {
            record(error == null ? outcome : Outcome.of(error), end - begin);
          }
          next();
        },
        executor);
  }

  private void record(Outcome outcome, long nanos) {
    requests.increment();
    latencies.recordNanos(nanos);
    outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    latenciesByOutcome.computeIfAbsent(outcome, o -> new Latencies()).recordNanos(nanos);
    if (outcome.ok()) {
      successes.increment();
    } else {
      errors.computeIfAbsent(outcome.label(), l -> new LongAdder()).increment();
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }
}
