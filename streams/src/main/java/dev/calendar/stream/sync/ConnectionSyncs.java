package dev.calendar.stream.sync;

import dev.calendar.calendar.CalendarEntity;
import dev.calendar.connection.ConnectionSync;
import dev.calendar.connection.FeedUrl;
import dev.calendar.external.ExternalBusy;
import dev.calendar.external.IcsImport;
import dev.calendar.external.IcsProblem;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The providers behind {@link ConnectionSync}: ICS feeds (a conditional GET, the file parsed in the
 * user's zone off the dispatcher threads, and its busy time put in place of the last version's in
 * one step of the calendar, which diffs it by UID and RECURRENCE-ID), and Google and Outlook
 * through {@link TwoWaySyncs}.
 */
public final class ConnectionSyncs implements ConnectionSync {

  /** Puts {@code busy} in place of the source's busy time in the user's calendar. */
  @FunctionalInterface
  public interface BusyReplacer {
    CompletionStage<CalendarEntity.ExternalBusyChanged> replace(
        UUID userId, String source, List<ExternalBusy> busy);
  }

  private final IcsFeedFetcher feeds;
  private final BusyReplacer replacer;
  private final Function<UUID, CompletionStage<ZoneId>> userZones;
  private final Executor parsing;
  private final ClusterSharding sharding;
  private final Duration askTimeout;
  private TwoWaySyncs twoWay;

  public ConnectionSyncs(
      IcsFeedFetcher feeds,
      BusyReplacer replacer,
      Function<UUID, CompletionStage<ZoneId>> userZones,
      Executor parsing,
      ClusterSharding sharding,
      Duration askTimeout) {
    this.feeds = feeds;
    this.replacer = replacer;
    this.userZones = userZones;
    this.parsing = parsing;
    this.sharding = sharding;
    this.askTimeout = askTimeout;
  }

  /** Google and Outlook, when configured. */
  public ConnectionSyncs withTwoWay(TwoWaySyncs twoWay) {
    this.twoWay = twoWay;
    return this;
  }

  /** Puts some blocks in place and removes others, in one step of the user's calendar. */
  public CompletionStage<CalendarEntity.ExternalBusyChanged> patch(
      UUID userId, String source, List<ExternalBusy> upserts, List<String> removed) {
    return sharding
        .entityRefFor(CalendarEntity.TYPE_KEY, userId.toString())
        .<CalendarEntity.ExternalBusyReply>ask(
            reply -> new CalendarEntity.PatchExternalBusy(source, upserts, removed, reply),
            askTimeout)
        .thenApply(
            reply -> {
              if (reply instanceof CalendarEntity.ExternalBusyChanged c) {
                return c;
              }
              throw new IllegalStateException("the calendar keeps no more busy time from outside");
            });
  }

  @Override
  public CompletionStage<SyncOutcome> sync(SyncRequest request) {
    if (twoWay != null && twoWay.handles(request.provider())) {
      return twoWay.sync(request);
    }
    if (!"ics".equals(request.provider())) {
      return CompletableFuture.completedFuture(
          new SyncOutcome.Failed(
              "provider " + request.provider() + " is not supported", true, null));
    }
    var validators = new Validators(request.cursor().etag(), request.cursor().lastModified());
    return feeds
        .fetch(request.url(), validators)
        .thenCompose(
            result -> {
              if (result instanceof FetchResult.NotModified) {
                return CompletableFuture.completedFuture(new SyncOutcome.Unchanged());
              }
              if (result instanceof FetchResult.Failed f) {
                return CompletableFuture.completedFuture(
                    new SyncOutcome.Failed(f.reason(), f.permanent(), f.retryAfter()));
              }
              return apply(request, (FetchResult.Changed) result);
            });
  }

  private CompletionStage<SyncOutcome> apply(SyncRequest request, FetchResult.Changed feed) {
    return userZones
        .apply(request.userId())
        .thenApplyAsync(zone -> IcsImport.parse(feed.body(), zone), parsing)
        .thenCompose(parsed -> replacer.replace(request.userId(), request.source(), parsed.busy()))
        .<SyncOutcome>thenApply(
            changed ->
                new SyncOutcome.Changed(
                    new Cursor(feed.validators().etag(), feed.validators().lastModified()),
                    feed.refreshInterval(),
                    account(request.url(), feed.body()),
                    changed.added(),
                    changed.updated(),
                    changed.removed(),
                    changed.unchanged()))
        .exceptionally(
            e -> {
              Throwable cause =
                  e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
              if (cause instanceof IcsProblem problem) {
                return new SyncOutcome.Failed(
                    "the feed is not a calendar the service reads: " + problem.getMessage(),
                    false,
                    null);
              }
              return new SyncOutcome.Failed(
                  "the feed could not be applied: " + cause.getMessage(), false, null);
            });
  }

  /** The feed's own name, else its host. */
  static String account(String url, String body) {
    String name = CalendarHeader.calendarName(CalendarHeader.withoutBom(body));
    if (name != null) {
      return name;
    }
    try {
      return FeedUrl.toFetch(url).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public CompletionStage<Authorization> authorize(
      String provider, String code, String redirectUri) {
    if (twoWay == null || !twoWay.handles(provider)) {
      return CompletableFuture.completedFuture(
          new Authorization.Refused(provider + " connections are not configured", false));
    }
    return twoWay.authorize(provider, code, redirectUri);
  }

  @Override
  public CompletionStage<WatchOutcome> watch(WatchRequest request) {
    if (twoWay == null || !twoWay.handles(request.provider())) {
      return CompletableFuture.completedFuture(
          new WatchOutcome.NotWatching(
              new Failure(request.provider() + " is not configured", true, null, false), null));
    }
    return twoWay.watch(request);
  }

  @Override
  public CompletionStage<Done> unwatch(String provider, String credentials, Channel channel) {
    if (twoWay == null || !twoWay.handles(provider)) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    return twoWay.unwatch(provider, credentials, channel);
  }

  @Override
  public CompletionStage<PushOutcome> push(PushRequest request) {
    if (twoWay == null || !twoWay.handles(request.provider())) {
      return CompletableFuture.completedFuture(
          new PushOutcome.NotPushed(
              new Failure(request.provider() + " is not configured", true, null, false), null));
    }
    return twoWay.push(request);
  }

  @Override
  public CompletionStage<Done> removeBusy(UUID userId, String source) {
    return sharding
        .entityRefFor(CalendarEntity.TYPE_KEY, userId.toString())
        .ask(reply -> new CalendarEntity.RemoveExternalSource(source, reply), askTimeout);
  }

  @Override
  public CompletionStage<Done> checkConflicts(UUID userId, String source, boolean check) {
    return sharding
        .entityRefFor(CalendarEntity.TYPE_KEY, userId.toString())
        .ask(reply -> new CalendarEntity.CheckExternalConflicts(source, check, reply), askTimeout);
  }
}
