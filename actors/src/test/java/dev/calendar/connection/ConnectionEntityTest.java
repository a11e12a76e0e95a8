package dev.calendar.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calendar.connection.ConnectionEntity.ConnectionView;
import dev.calendar.connection.ConnectionSync.Cursor;
import dev.calendar.connection.ConnectionSync.SyncOutcome;
import dev.calendar.testing.EntityTestConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sync state machine of one connection, against a fake provider whose answers the test gives by
 * hand: what is written, what is shown, what waits for what.
 */
class ConnectionEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final String URL = "https://example.com/cal.ics";

  // Short waits, no jitter: the next poll comes 200 ms after a success, 200-400 ms after a failure.
  private static final PollSchedule FAST =
      new PollSchedule(
          Duration.ofMillis(200),
          Duration.ofMillis(200),
          Duration.ofSeconds(1),
          0,
          Duration.ofMillis(400),
          Duration.ofMillis(400));

  private final UUID connectionId = UUID.randomUUID();
  private final UUID user = UUID.randomUUID();
  private final FakeSync sync = new FakeSync();
  private EventSourcedBehaviorTestKit<
          ConnectionEntity.Command, ConnectionEntity.Event, ConnectionState>
      kit;

  /** A provider and calendar whose every call waits for the test to answer it. */
  static final class FakeSync implements ConnectionSync {
    final LinkedBlockingQueue<Call<SyncOutcome>> syncs = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Call<Done>> calendarCalls = new LinkedBlockingQueue<>();
    final List<String> log = new CopyOnWriteArrayList<>();

    record Call<T>(String what, SyncRequest request, CompletableFuture<T> answer) {}

    @Override
    public CompletionStage<SyncOutcome> sync(SyncRequest request) {
      log.add("sync");
      var call = new Call<SyncOutcome>("sync", request, new CompletableFuture<>());
      syncs.add(call);
      return call.answer();
    }

    @Override
    public CompletionStage<Done> removeBusy(UUID userId, String source) {
      log.add("remove " + source);
      var call = new Call<Done>("remove", null, new CompletableFuture<>());
      calendarCalls.add(call);
      return call.answer();
    }

    @Override
    public CompletionStage<Done> checkConflicts(UUID userId, String source, boolean check) {
      log.add("check " + check);
      var call = new Call<Done>("check " + check, null, new CompletableFuture<>());
      calendarCalls.add(call);
      return call.answer();
    }

    final LinkedBlockingQueue<WatchCall> watches = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<PushCall> pushes = new LinkedBlockingQueue<>();
    final List<Channel> unwatched = new CopyOnWriteArrayList<>();

    record WatchCall(WatchRequest request, CompletableFuture<WatchOutcome> answer) {}

    record PushCall(PushRequest request, CompletableFuture<PushOutcome> answer) {}

    @Override
    public CompletionStage<Authorization> authorize(
        String provider, String code, String redirectUri) {
      return CompletableFuture.completedFuture(new Authorization.Granted("sealed", "a@example"));
    }

    @Override
    public CompletionStage<WatchOutcome> watch(WatchRequest request) {
      log.add("watch");
      var call = new WatchCall(request, new CompletableFuture<>());
      watches.add(call);
      return call.answer();
    }

    @Override
    public CompletionStage<Done> unwatch(String provider, String credentials, Channel channel) {
      log.add("unwatch " + channel.id());
      unwatched.add(channel);
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<PushOutcome> push(PushRequest request) {
      log.add("push " + request.event().eventId() + " v" + request.event().version());
      var call = new PushCall(request, new CompletableFuture<>());
      pushes.add(call);
      return call.answer();
    }

    WatchCall nextWatch() throws InterruptedException {
      var call = watches.poll(5, TimeUnit.SECONDS);
      assertThat(call).as("a watch was opened").isNotNull();
      return call;
    }

    PushCall nextPush() throws InterruptedException {
      var call = pushes.poll(5, TimeUnit.SECONDS);
      assertThat(call).as("an event was written out").isNotNull();
      return call;
    }

    Call<SyncOutcome> nextSync() throws InterruptedException {
      var call = syncs.poll(5, TimeUnit.SECONDS);
      assertThat(call).as("a sync was started").isNotNull();
      return call;
    }

    Call<Done> nextCalendarCall() throws InterruptedException {
      var call = calendarCalls.poll(5, TimeUnit.SECONDS);
      assertThat(call).as("the calendar was called").isNotNull();
      return call;
    }
  }

  @BeforeEach
  void setUp() {
    TestProbe<ClusterSharding.ShardCommand> shard = testKit.createTestProbe();
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            ConnectionEntity.create(
                connectionId, shard.ref(), sync, FAST, Clock.systemUTC(), () -> 0.5));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private ConnectionView connect() {
    var result =
        kit.<ConnectionEntity.Reply>runCommand(
            r -> new ConnectionEntity.Connect(user, "ics", URL, "example.com", r));
    assertThat(result.event()).isInstanceOf(ConnectionEntity.Connected.class);
    return ((ConnectionEntity.Found) result.reply()).connection();
  }

  private ConnectionView view() {
    var reply =
        kit.<ConnectionEntity.Reply>runCommand(r -> new ConnectionEntity.Get(user, r)).reply();
    return ((ConnectionEntity.Found) reply).connection();
  }

  private static SyncOutcome.Changed changed(String etag, int added) {
    return new SyncOutcome.Changed(new Cursor(etag, null), null, "Dentist", added, 0, 0, 0);
  }

  private void awaitStatus(String status) {
    await().atMost(Duration.ofSeconds(5)).until(() -> view().status().equals(status));
  }

  private List<ConnectionEntity.Event> persisted() {
    return kit.persistenceTestKit().persistedInStorage("Connection|" + connectionId).stream()
        .map(e -> (ConnectionEntity.Event) e)
        .toList();
  }

  @Test
  void aNewConnectionSyncsAtOnceAndThenShowsActive() throws Exception {
    assertThat(connect().status()).isEqualTo("syncing");
    var first = sync.nextSync();
    assertThat(first.request().cursor()).isEqualTo(Cursor.NONE);
    assertThat(first.request().source()).isEqualTo("connection:" + connectionId);
    first.answer().complete(changed("e1", 3));
    awaitStatus("active");
    assertThat(view().account()).isEqualTo("Dentist");
    assertThat(view().lastSyncAt()).isNotNull();
    assertThat(persisted().get(1)).isInstanceOf(ConnectionEntity.Synced.class);
  }

  @Test
  void aPollThatFindsNothingNewWritesNothingButIsShown() throws Exception {
    connect();
    sync.nextSync().answer().complete(changed("e1", 3));
    awaitStatus("active");
    var lastSync = view().lastSyncAt();
    var next = sync.nextSync();
    assertThat(next.request().cursor()).isEqualTo(new Cursor("e1", null));
    next.answer().complete(new SyncOutcome.Unchanged());
    await().atMost(Duration.ofSeconds(5)).until(() -> view().lastSyncAt().isAfter(lastSync));
    // The same version of the feed again, answered 200 this time: nothing new to write either.
    sync.nextSync().answer().complete(changed("e1", 0));
    sync.nextSync();
    assertThat(persisted()).hasSize(2);
  }

  @Test
  void aFailureShowsErrorWithItsMessageBacksOffAndRecovers() throws Exception {
    connect();
    sync.nextSync()
        .answer()
        .complete(new SyncOutcome.Failed("example.com answered HTTP 500", false, null));
    awaitStatus("error");
    assertThat(view().lastError()).isEqualTo("example.com answered HTTP 500");
    long failedAt = System.nanoTime();
    var retry = sync.nextSync();
    // The backoff (200 to 400 ms here) and not the 200 ms poll interval: at least 200 ms later.
    assertThat(Duration.ofNanos(System.nanoTime() - failedAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(150));
    // The same failure again is not written again.
    retry.answer().complete(new SyncOutcome.Failed("example.com answered HTTP 500", false, null));
    var third = sync.nextSync();
    assertThat(persisted().stream().filter(e -> e instanceof ConnectionEntity.SyncFailed))
        .hasSize(1);
    third.answer().complete(changed("e2", 1));
    awaitStatus("active");
    assertThat(view().lastError()).isNull();
  }

  @Test
  void aRestartedConnectionReadsOnFromItsStoredCursor() throws Exception {
    connect();
    sync.nextSync().answer().complete(changed("e7", 2));
    awaitStatus("active");
    kit.restart();
    var afterRestart = sync.nextSync();
    assertThat(afterRestart.request().cursor()).isEqualTo(new Cursor("e7", null));
  }

  @Test
  void aDeletionWaitsForTheSyncUnderWayThenRemovesTheBusyTime() throws Exception {
    connect();
    var underWay = sync.nextSync();
    TestProbe<ConnectionEntity.Reply> client = testKit.createTestProbe();
    kit.runCommand(new ConnectionEntity.Disconnect(user, client.ref()));
    client.expectNoMessage(Duration.ofMillis(200));
    assertThat(sync.log).containsExactly("sync");
    underWay.answer().complete(changed("e1", 4));
    var removal = sync.nextCalendarCall();
    assertThat(sync.log).containsExactly("sync", "remove connection:" + connectionId);
    removal.answer().complete(Done.getInstance());
    client.expectMessage(new ConnectionEntity.Removed());
    assertThat(kit.getState().busyRemoved()).isTrue();
    var gone = kit.<ConnectionEntity.Reply>runCommand(r -> new ConnectionEntity.Get(user, r));
    assertThat(gone.reply()).isEqualTo(new ConnectionEntity.NotFound());
    // Stopped: no poll comes after the deletion.
    assertThat(sync.syncs.poll(600, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aRemovalTheCalendarMissedIsTriedAgainAfterARestart() throws Exception {
    connect();
    sync.nextSync().answer().complete(changed("e1", 1));
    awaitStatus("active");
    TestProbe<ConnectionEntity.Reply> client = testKit.createTestProbe();
    kit.runCommand(new ConnectionEntity.Disconnect(user, client.ref()));
    sync.nextCalendarCall().answer().completeExceptionally(new RuntimeException("timeout"));
    client.expectMessage(new ConnectionEntity.Removed());
    assertThat(kit.getState().busyRemoved()).isFalse();
    kit.restart();
    sync.nextCalendarCall().answer().complete(Done.getInstance());
    await().atMost(Duration.ofSeconds(5)).until(() -> kit.getState().busyRemoved());
  }

  @Test
  void checkingConflictsIsChangedInTheCalendarFirst() throws Exception {
    connect();
    sync.nextSync().answer().complete(changed("e1", 1));
    awaitStatus("active");
    TestProbe<ConnectionEntity.Reply> client = testKit.createTestProbe();

    kit.runCommand(new ConnectionEntity.Update(user, false, null, client.ref()));
    sync.nextCalendarCall().answer().completeExceptionally(new RuntimeException("timeout"));
    assertThat(client.receiveMessage()).isInstanceOf(ConnectionEntity.Unavailable.class);
    assertThat(view().checkConflicts()).isTrue();

    kit.runCommand(new ConnectionEntity.Update(user, false, null, client.ref()));
    var call = sync.nextCalendarCall();
    assertThat(call.what()).isEqualTo("check false");
    call.answer().complete(Done.getInstance());
    var updated = (ConnectionEntity.Found) client.receiveMessage();
    assertThat(updated.connection().checkConflicts()).isFalse();
    assertThat(kit.getState().checkConflicts()).isFalse();
  }

  @Test
  void anotherUserSeesNoSuchConnection() throws Exception {
    connect();
    UUID stranger = UUID.randomUUID();
    var reply = kit.<ConnectionEntity.Reply>runCommand(r -> new ConnectionEntity.Get(stranger, r));
    assertThat(reply.reply()).isEqualTo(new ConnectionEntity.NotFound());
    var delete =
        kit.<ConnectionEntity.Reply>runCommand(r -> new ConnectionEntity.Disconnect(stranger, r));
    assertThat(delete.reply()).isEqualTo(new ConnectionEntity.NotFound());
    assertThat(kit.getState().live()).isTrue();
  }

  @Test
  void aRetriedCreationAnswersTheSameConnectionAndAnotherUrlIsRefused() {
    var first = connect();
    var again =
        kit.<ConnectionEntity.Reply>runCommand(
            r -> new ConnectionEntity.Connect(user, "ics", URL, "example.com", r));
    assertThat(((ConnectionEntity.Found) again.reply()).connection().id()).isEqualTo(first.id());
    assertThat(again.hasNoEvents()).isTrue();
    var other =
        kit.<ConnectionEntity.Reply>runCommand(
            r -> new ConnectionEntity.Connect(user, "ics", URL + "?x", "example.com", r));
    assertThat(other.reply()).isEqualTo(new ConnectionEntity.Taken());
  }
}
