package dev.calendar.stream.sync;

import dev.calendar.calendar.CalendarEntity;
import dev.calendar.connection.ConnectionSync.Authorization;
import dev.calendar.connection.ConnectionSync.Channel;
import dev.calendar.connection.ConnectionSync.Copy;
import dev.calendar.connection.ConnectionSync.Cursor;
import dev.calendar.connection.ConnectionSync.Failure;
import dev.calendar.connection.ConnectionSync.LocalEvent;
import dev.calendar.connection.ConnectionSync.PushOutcome;
import dev.calendar.connection.ConnectionSync.PushRequest;
import dev.calendar.connection.ConnectionSync.SyncOutcome;
import dev.calendar.connection.ConnectionSync.SyncRequest;
import dev.calendar.connection.ConnectionSync.WatchOutcome;
import dev.calendar.connection.ConnectionSync.WatchRequest;
import dev.calendar.external.ExternalBusy;
import dev.calendar.schedule.Schedule;
import dev.calendar.stream.sync.ConnectionSyncs.BusyReplacer;
import dev.calendar.stream.sync.provider.CalendarProvider;
import dev.calendar.stream.sync.provider.ChangePage;
import dev.calendar.stream.sync.provider.ChangeQuery;
import dev.calendar.stream.sync.provider.OutgoingEvent;
import dev.calendar.stream.sync.provider.ProviderException;
import dev.calendar.stream.sync.provider.RemoteEvent;
import dev.calendar.stream.sync.provider.TokenVault;
import dev.calendar.stream.sync.provider.Watch;
import dev.calendar.stream.sync.provider.WatchSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;

/**
 * Two-way connections (Google, Outlook) over their {@link CalendarProvider}s: tokens opened from
 * and sealed into the journal's form and refreshed before they expire (a refused token is refreshed
 * and the call made once more), changes read page by page and applied to the user's calendar,
 * watches opened and renewed, local events written out.
 *
 * <p>Reading: a full listing of a fixed window replaces the connection's busy time (so a resync
 * merges: nothing doubled, nothing of ours lost); later reads take the changes since the cursor and
 * patch it. A lost cursor (Google's 410, Graph's syncStateNotFound) means a full listing again.
 * Copies of this service's own events (known by the mapping table, or by the mark they carry) are
 * never busy time from outside: that is how our own writes coming back are ignored.
 */
public final class TwoWaySyncs {

  /** Puts some blocks in place and removes others in the user's calendar. */
  @FunctionalInterface
  public interface BusyPatcher {
    CompletionStage<CalendarEntity.ExternalBusyChanged> patch(
        UUID userId, String source, List<ExternalBusy> upserts, List<String> removed);
  }

  /** A token due within this long is refreshed before the call. */
  static final Duration REFRESH_AHEAD = Duration.ofMinutes(2);

  /** After quotaExceeded the provider is left alone this long. */
  static final Duration QUOTA_COOL_DOWN = Duration.ofHours(1);

  private final Map<String, CalendarProvider> providers;
  private final TokenVault vault;
  private final BusyReplacer replacer;
  private final BusyPatcher patcher;
  private final Function<UUID, CompletionStage<ZoneId>> userZones;
  private final TwoWaySettings settings;
  private final Clock clock;

  public TwoWaySyncs(
      List<CalendarProvider> providers,
      TokenVault vault,
      BusyReplacer replacer,
      BusyPatcher patcher,
      Function<UUID, CompletionStage<ZoneId>> userZones,
      TwoWaySettings settings,
      Clock clock) {
    Map<String, CalendarProvider> byName = new LinkedHashMap<>();
    providers.forEach(p -> byName.put(p.name(), p));
    this.providers = Map.copyOf(byName);
    this.vault = vault;
    this.replacer = replacer;
    this.patcher = patcher;
    this.userZones = userZones;
    this.settings = settings;
    this.clock = clock;
  }

  public boolean handles(String provider) {
    return providers.containsKey(provider);
  }

  // ---- authorization ----

  public CompletionStage<Authorization> authorize(
      String provider, String code, String redirectUri) {
    CalendarProvider p = providers.get(provider);
    if (p == null) {
      return CompletableFuture.completedFuture(
          new Authorization.Refused(provider + " is not configured", false));
    }
    return p.exchangeCode(code, redirectUri)
        .<Authorization>thenApply(
            grant -> new Authorization.Granted(vault.seal(grant.tokens()), grant.account()))
        .exceptionally(
            e -> {
              ProviderException pe = ProviderCalls.providerException(e);
              boolean badCode =
                  pe.kind() == ProviderException.Kind.INVALID_GRANT
                      || pe.kind() == ProviderException.Kind.REJECTED;
              return new Authorization.Refused(pe.getMessage(), badCode);
            });
  }

  // ---- reading ----

  public CompletionStage<SyncOutcome> sync(SyncRequest request) {
    CalendarProvider provider = providers.get(request.provider());
    var calls = new ProviderCalls(provider, vault, request.credentials(), clock, REFRESH_AHEAD);
    Cursor cursor = request.cursor();
    Instant now = clock.instant();
    boolean incremental =
        cursor.token() != null
            && cursor.windowEnd() != null
            && cursor.windowStart() != null
            && cursor.windowStart().plus(settings.windowRenewal()).isAfter(now);
    CompletionStage<SyncOutcome> read =
        incremental
            ? readChanges(calls, request, cursor)
                .exceptionallyCompose(
                    e -> {
                      if (ProviderCalls.providerException(e).kind()
                          == ProviderException.Kind.SYNC_STATE_LOST) {
                        return readAll(calls, request, now);
                      }
                      return CompletableFuture.failedFuture(e);
                    })
            : readAll(calls, request, now);
    return read.exceptionally(e -> SyncOutcome.Failed.of(failure(e), calls.changedCredentials()));
  }

  /** A full listing of a new window, in place of everything the connection had. */
  private CompletionStage<SyncOutcome> readAll(
      ProviderCalls calls, SyncRequest request, Instant now) {
    Instant start = now.minus(settings.windowBehind());
    Instant end = now.plus(settings.windowAhead());
    List<RemoteEvent> items = new ArrayList<>();
    return pages(calls, new ChangeQuery(null, null, start, end), items)
        .thenCompose(
            token ->
                userZones
                    .apply(request.userId())
                    .thenCompose(
                        zone -> {
                          List<ExternalBusy> busy = new ArrayList<>();
                          for (RemoteEvent item : latest(items).values()) {
                            if (blocks(item, request)) {
                              busy.add(busy(item, zone));
                            }
                          }
                          return replacer.replace(request.userId(), request.source(), busy);
                        })
                    .thenApply(
                        changed ->
                            changed(
                                Cursor.token(token, start, end),
                                changed,
                                calls.changedCredentials())));
  }

  /** The changes since the cursor, patched into the connection's busy time. */
  private CompletionStage<SyncOutcome> readChanges(
      ProviderCalls calls, SyncRequest request, Cursor cursor) {
    List<RemoteEvent> items = new ArrayList<>();
    return pages(
            calls,
            new ChangeQuery(cursor.token(), null, cursor.windowStart(), cursor.windowEnd()),
            items)
        .thenCompose(
            token ->
                userZones
                    .apply(request.userId())
                    .thenCompose(zone -> patch(request, latest(items), zone))
                    .thenApply(
                        changed ->
                            changed(
                                Cursor.token(token, cursor.windowStart(), cursor.windowEnd()),
                                changed,
                                calls.changedCredentials())));
  }

  /** Sends the changes in parts of at most {@code maxPatch} blocks, one after the other. */
  private CompletionStage<CalendarEntity.ExternalBusyChanged> patch(
      SyncRequest request, Map<String, RemoteEvent> items, ZoneId zone) {
    List<ExternalBusy> upserts = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    for (RemoteEvent item : items.values()) {
      if (blocks(item, request)) {
        upserts.add(busy(item, zone));
      } else {
        removed.add(item.id()); // deleted, cancelled, turned free, or our own copy
      }
    }
    CompletionStage<CalendarEntity.ExternalBusyChanged> done =
        patcher.patch(
            request.userId(),
            request.source(),
            upserts.subList(0, Math.min(settings.maxPatch(), upserts.size())),
            removed);
    for (int from = settings.maxPatch(); from < upserts.size(); from += settings.maxPatch()) {
      List<ExternalBusy> part =
          upserts.subList(from, Math.min(from + settings.maxPatch(), upserts.size()));
      done =
          done.thenCompose(
              before ->
                  patcher
                      .patch(request.userId(), request.source(), part, List.of())
                      .thenApply(after -> sum(before, after)));
    }
    return done;
  }

  /** Reads pages into {@code items} until the last; its cursor. */
  private CompletionStage<String> pages(
      ProviderCalls calls, ChangeQuery query, List<RemoteEvent> items) {
    return calls
        .call(access -> calls.provider().changes(access, query))
        .thenCompose(
            (ChangePage page) -> {
              items.addAll(page.items());
              if (page.last()) {
                if (page.cursor() == null) {
                  return CompletableFuture.failedFuture(
                      new ProviderException(
                          ProviderException.Kind.REJECTED, 200, "the last page carried no cursor"));
                }
                return CompletableFuture.completedFuture(page.cursor());
              }
              return pages(
                  calls,
                  new ChangeQuery(
                      query.cursor(), page.nextPage(), query.windowStart(), query.windowEnd()),
                  items);
            });
  }

  /** The last word on each id: a listing may name an event twice (a change replayed). */
  private static Map<String, RemoteEvent> latest(List<RemoteEvent> items) {
    Map<String, RemoteEvent> byId = new LinkedHashMap<>();
    items.forEach(item -> byId.put(item.id(), item));
    return byId;
  }

  /** Whether the item is busy time from outside. */
  private static boolean blocks(RemoteEvent item, SyncRequest request) {
    return !item.removed()
        && !item.free()
        && item.localEventId() == null
        && !request.ownExternalIds().contains(item.id())
        && (item.allDay()
            ? item.endDate().isAfter(item.startDate())
            : item.end().isAfter(item.start()));
  }

  /** All-day dates are the user's days: midnight to midnight in their zone, never shifted. */
  static ExternalBusy busy(RemoteEvent item, ZoneId zone) {
    Instant start = item.allDay() ? item.startDate().atStartOfDay(zone).toInstant() : item.start();
    Instant end = item.allDay() ? item.endDate().atStartOfDay(zone).toInstant() : item.end();
    return new ExternalBusy(item.id(), null, Schedule.single(start, end, zone));
  }

  private SyncOutcome changed(
      Cursor cursor, CalendarEntity.ExternalBusyChanged c, String credentials) {
    return new SyncOutcome.Changed(
        cursor,
        settings.backstop(),
        null,
        c.added(),
        c.updated(),
        c.removed(),
        c.unchanged(),
        credentials);
  }

  private static CalendarEntity.ExternalBusyChanged sum(
      CalendarEntity.ExternalBusyChanged a, CalendarEntity.ExternalBusyChanged b) {
    return new CalendarEntity.ExternalBusyChanged(
        a.added() + b.added(), a.updated() + b.updated(), a.removed() + b.removed(), b.unchanged());
  }

  // ---- watching ----

  public CompletionStage<WatchOutcome> watch(WatchRequest request) {
    CalendarProvider provider = providers.get(request.provider());
    var calls = new ProviderCalls(provider, vault, request.credentials(), clock, REFRESH_AHEAD);
    Instant now = clock.instant();
    Channel current = request.current();
    CompletionStage<Watch> opened;
    if (current != null && "outlook".equals(request.provider())) {
      Instant until = now.plus(settings.subscriptionTtl());
      opened =
          calls
              .call(access -> provider.extend(access, watchOf(current), until))
              .exceptionallyCompose(
                  e ->
                      ProviderCalls.providerException(e).kind() == ProviderException.Kind.NOT_FOUND
                          ? open(calls, request, now)
                          : CompletableFuture.failedFuture(e));
    } else {
      opened = open(calls, request, now);
    }
    return opened
        .<WatchOutcome>thenApply(
            w -> new WatchOutcome.Watching(channelOf(w, now), calls.changedCredentials()))
        .exceptionally(e -> new WatchOutcome.NotWatching(failure(e), calls.changedCredentials()));
  }

  private CompletionStage<Watch> open(ProviderCalls calls, WatchRequest request, Instant now) {
    String provider = request.provider();
    Duration ttl = "outlook".equals(provider) ? settings.subscriptionTtl() : settings.channelTtl();
    var spec =
        new WatchSpec(
            request.channelId(),
            settings.webhook(provider),
            "outlook".equals(provider) ? settings.webhook(provider) : null,
            request.token(),
            now.plus(ttl));
    return calls.call(access -> calls.provider().watch(access, spec));
  }

  /** Renewed when three quarters of its life are gone. */
  private static Channel channelOf(Watch w, Instant now) {
    Instant expiration = w.expiration();
    Instant renewAt = now.plus(Duration.between(now, expiration).multipliedBy(3).dividedBy(4));
    return new Channel(w.id(), w.resourceId(), w.token(), expiration, renewAt);
  }

  private static Watch watchOf(Channel c) {
    return new Watch(c.id(), c.resourceId(), c.token(), c.expiration());
  }

  public CompletionStage<Done> unwatch(String provider, String credentials, Channel channel) {
    CalendarProvider p = providers.get(provider);
    var calls = new ProviderCalls(p, vault, credentials, clock, REFRESH_AHEAD);
    return calls
        .call(access -> p.stop(access, watchOf(channel)))
        .exceptionally(e -> Done.getInstance());
  }

  // ---- writing out ----

  public CompletionStage<PushOutcome> push(PushRequest request) {
    CalendarProvider provider = providers.get(request.provider());
    var calls = new ProviderCalls(provider, vault, request.credentials(), clock, REFRESH_AHEAD);
    LocalEvent event = request.event();
    Copy copy = request.copy();
    CompletionStage<Copy> written;
    if (event.cancelled()) {
      written =
          copy == null
              ? CompletableFuture.completedFuture(null)
              : calls
                  .call(access -> provider.delete(access, copy.externalId()))
                  .thenApply(done -> null);
    } else {
      OutgoingEvent out = outgoing(event);
      CompletionStage<Copy> insert =
          copy == null
              ? calls
                  .call(access -> provider.insert(access, out))
                  .thenApply(r -> new Copy(r.id(), r.etag(), event.version()))
              : calls
                  .call(access -> provider.update(access, copy.externalId(), out))
                  .thenApply(r -> new Copy(r.id(), r.etag(), event.version()))
                  .exceptionallyCompose(
                      e ->
                          // Deleted over there: this service's event is the one that holds.
                          ProviderCalls.providerException(e).kind()
                                  == ProviderException.Kind.NOT_FOUND
                              ? calls
                                  .call(access -> provider.insert(access, out))
                                  .thenApply(r -> new Copy(r.id(), r.etag(), event.version()))
                              : CompletableFuture.failedFuture(e));
      written = insert;
    }
    return written
        .<PushOutcome>thenApply(c -> new PushOutcome.Pushed(c, calls.changedCredentials()))
        .exceptionally(e -> new PushOutcome.NotPushed(failure(e), calls.changedCredentials()));
  }

  private static OutgoingEvent outgoing(LocalEvent e) {
    return new OutgoingEvent(
        e.eventId().toString(),
        e.title(),
        e.description(),
        e.location(),
        e.start(),
        e.end(),
        e.timeZone(),
        e.recurrence());
  }

  // ---- failures ----

  static Failure failure(Throwable e) {
    ProviderException pe = ProviderCalls.providerException(e);
    return switch (pe.kind()) {
      case INVALID_GRANT -> new Failure(pe.getMessage(), true, null, true);
      case RATE_LIMITED, UNAVAILABLE, UNAUTHORIZED, SYNC_STATE_LOST ->
          new Failure(pe.getMessage(), false, pe.retryAfter(), false);
      case QUOTA_EXCEEDED ->
          new Failure(
              pe.getMessage(),
              false,
              pe.retryAfter() == null ? QUOTA_COOL_DOWN : pe.retryAfter(),
              false);
      case NOT_FOUND, UNSUPPORTED, REJECTED -> new Failure(pe.getMessage(), true, null, false);
    };
  }
}
