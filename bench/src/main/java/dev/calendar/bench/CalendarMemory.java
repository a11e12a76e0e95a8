package dev.calendar.bench;

import dev.calendar.app.NodeConfig;
import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Hold;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Heap per live calendar: a local actor system in the bench JVM (the service's configuration and
 * its Cassandra journal, as {@link JournalBaseline}) spawns {@link CalendarEntity}s directly (no
 * sharding: a calendar needs it only when a hold expires unconfirmed, and every hold here is
 * confirmed at once), books K single 30-minute meetings into each (PlaceHold, then ConfirmHold, as
 * the meeting saga does), and compares the heap after full collections before and after.
 */
final class CalendarMemory {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HOLD_FOR = Duration.ofHours(1);
  private static final int IN_FLIGHT = 128;
  // Keeps each set to about 10 s of journal writes on this kind of machine.
  private static final long MAX_BOOKINGS_PER_SET = 20_000;
  private static final int MIN_CALENDARS = 100;

  /** One set: {@code calendars} entities holding {@code bookings} confirmed bookings each. */
  record Result(
      int bookings,
      int calendars,
      long heapBefore,
      long heapAfter,
      Duration fill,
      long events,
      long failures,
      long wrongState,
      double benchCpuMillis,
      double cassandraCpuMillis) {
    double bytesPerCalendar() {
      return (double) (heapAfter - heapBefore) / calendars;
    }

    /**
     * CPU (bench JVM + Cassandra) per unit of the fill: per calendar when the set has no bookings
     * (spawn, recovery of an empty journal, one read), else per booking (PlaceHold + ConfirmHold:
     * two asks, one persist: the confirmation travels with the next hold).
     */
    double cpuMillisPerUnit() {
      long units = bookings == 0 ? calendars : (long) calendars * bookings;
      return (benchCpuMillis + cassandraCpuMillis) / units;
    }

    /** Journal events written per second while filling the set (one HoldTaken per booking). */
    double eventsPerSecond() {
      return events / (fill.toNanos() / 1e9);
    }
  }

  private final ActorSystem<Void> system;
  private final Executor executor;
  private final Instant base = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
  // The entities of every set stay alive (and referenced) until the system ends.
  private final List<ActorRef<CalendarEntity.Command>> alive = new ArrayList<>();

  private final java.util.OptionalLong cassandraPid;

  private CalendarMemory(
      ActorSystem<Void> system, Executor executor, java.util.OptionalLong cassandraPid) {
    this.system = system;
    this.executor = executor;
    this.cassandraPid = cassandraPid;
  }

  /** How many calendars a set with {@code bookings} each gets, at most {@code calendars}. */
  static int calendarsFor(int calendars, int bookings) {
    if (bookings == 0) {
      return calendars;
    }
    return (int) Math.min(calendars, Math.max(MIN_CALENDARS, MAX_BOOKINGS_PER_SET / bookings));
  }

  /**
   * Runs one set per entry of {@code bookingsPerCalendar}, one after the other, in a fresh actor
   * system; every calendar stays alive to the end, so each set is measured on top of the last.
   */
  static List<Result> run(
      String cassandra,
      java.util.OptionalLong cassandraPid,
      int calendars,
      List<Integer> bookingsPerCalendar,
      Executor executor)
      throws Exception {
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "bench-calendars",
            NodeConfig.load(JournalBaseline.overrides(cassandra)));
    try {
      var memory = new CalendarMemory(system, executor, cassandraPid);
      // Warm up the journal's statements, serializers and the JIT, so the first set does not pay.
      memory.fill(50, 4);
      List<Result> results = new ArrayList<>();
      for (int k : bookingsPerCalendar) {
        results.add(memory.measure(calendarsFor(calendars, k), k));
      }
      return results;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private Result measure(int calendars, int bookings) throws Exception {
    long before = heapAfterGc();
    long start = System.nanoTime();
    CpuUse cpuStart = CpuUse.sample();
    ProcessCpu processesStart = ProcessCpu.sample();
    Fill fill = fill(calendars, bookings);
    CpuUse cpuEnd = CpuUse.sample();
    ProcessCpu processesEnd = ProcessCpu.sample();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    var window =
        new ProcessCpu.Window(
            processesStart, processesEnd, CpuUse.between(cpuStart, cpuEnd).machine());
    double cassandraMillis =
        window.percentOf(cassandraPid) / 100 * (cpuEnd.wallNanos() - cpuStart.wallNanos()) / 1e6;
    long after = heapAfterGc();
    return new Result(
        bookings,
        calendars,
        before,
        after,
        took,
        (long) bookings * calendars - fill.failures.get(),
        fill.failures.get(),
        fill.wrongState.get(),
        (cpuEnd.benchNanos() - cpuStart.benchNanos()) / 1e6,
        Double.isNaN(cassandraMillis) ? 0 : cassandraMillis);
  }

  private static final class Fill {
    final AtomicLong failures = new AtomicLong();
    final AtomicLong wrongState = new AtomicLong();
  }

  /**
   * Spawns {@code calendars} entities and books {@code bookings} meetings into each, {@link
   * #IN_FLIGHT} calendars at a time, each calendar's bookings one after the other; then checks each
   * calendar's busy time holds exactly its bookings.
   */
  private Fill fill(int calendars, int bookings) throws Exception {
    List<ActorRef<CalendarEntity.Command>> refs = new ArrayList<>(calendars);
    List<UUID> users = new ArrayList<>(calendars);
    for (int i = 0; i < calendars; i++) {
      UUID user = UUID.randomUUID(); // a fresh persistence id: recovery finds nothing
      users.add(user);
      refs.add(
          system.systemActorOf(
              CalendarEntity.create(
                  user,
                  Clock.systemUTC(),
                  (meetingId, userId) ->
                      java.util.concurrent.CompletableFuture.failedFuture(
                          new IllegalStateException("no meetings in this bench"))),
              "calendar-" + user,
              Props.empty()));
    }
    alive.addAll(refs);
    Fill fill = new Fill();
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(IN_FLIGHT, calendars);
    CountDownLatch finished = new CountDownLatch(workers);
    for (int w = 0; w < workers; w++) {
      executor.execute(() -> worker(next, refs, users, bookings, fill, finished));
    }
    if (!finished.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("filling the calendars took more than 10 minutes");
    }
    return fill;
  }

  /** Takes the next calendar and fills it, until none is left. Never blocks, never recurses. */
  private void worker(
      AtomicInteger next,
      List<ActorRef<CalendarEntity.Command>> refs,
      List<UUID> users,
      int bookings,
      Fill fill,
      CountDownLatch finished) {
    int i = next.getAndIncrement();
    if (i >= refs.size()) {
      finished.countDown();
      return;
    }
    book(
        refs.get(i),
        users.get(i),
        0,
        bookings,
        fill,
        () -> worker(next, refs, users, bookings, fill, finished));
  }

  /**
   * Books meetings {@code k..bookings-1} into one calendar one after the other, then checks its
   * busy time, then runs {@code then}; each step continues on the executor.
   */
  private void book(
      ActorRef<CalendarEntity.Command> calendar,
      UUID user,
      int k,
      int bookings,
      Fill fill,
      Runnable then) {
    if (k == bookings) {
      check(calendar, bookings, fill).whenCompleteAsync((ok, failure) -> then.run(), executor);
      return;
    }
    // One 30-minute meeting an hour, so no two touch and busy time shows each on its own.
    Instant start = base.plus(Duration.ofHours(k));
    var booking =
        new Booking(
            UUID.randomUUID(),
            user,
            "Bench meeting " + k,
            Schedule.single(start, start.plus(Duration.ofMinutes(30)), ZoneId.of("UTC")));
    var hold = new Hold(UUID.randomUUID(), booking, Instant.now().plus(HOLD_FOR));
    AskPattern.<CalendarEntity.Command, CalendarEntity.HoldReply>ask(
            calendar,
            replyTo -> new CalendarEntity.PlaceHold(hold, null, null, replyTo),
            ASK_TIMEOUT,
            system.scheduler())
        .thenCompose(
            reply -> {
              if (!(reply instanceof CalendarEntity.HoldPlaced)) {
                throw new IllegalStateException("hold rejected: " + reply);
              }
              return AskPattern.<CalendarEntity.Command, Done>ask(
                  calendar,
                  replyTo ->
                      new CalendarEntity.ConfirmHold(booking.eventId(), hold.attemptId(), replyTo),
                  ASK_TIMEOUT,
                  system.scheduler());
            })
        .whenCompleteAsync(
            (done, failure) -> {
              if (failure != null) {
                fill.failures.incrementAndGet();
              }
              book(calendar, user, k + 1, bookings, fill, then);
            },
            executor);
  }

  /** The calendar's busy time must be exactly its bookings (for K = 0: it answers at all). */
  private CompletionStage<Void> check(
      ActorRef<CalendarEntity.Command> calendar, int bookings, Fill fill) {
    var window = new Interval(base.minus(Duration.ofDays(1)), base.plus(Duration.ofDays(400)));
    return AskPattern.<CalendarEntity.Command, CalendarEntity.Availability>ask(
            calendar,
            replyTo -> new CalendarEntity.GetAvailability(window, 0, replyTo),
            ASK_TIMEOUT,
            system.scheduler())
        .handle(
            (availability, failure) -> {
              if (failure != null || availability.busy().size() != bookings) {
                fill.wrongState.incrementAndGet();
              }
              return null;
            });
  }

  /**
   * Heap in use after a few full collections (G1 runs System.gc() as a full, stop-the-world GC).
   */
  static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
