package dev.calendar.api.external;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.external.ExternalBusy;
import dev.calendar.external.ExternalSource;
import dev.calendar.external.IcsImport;
import dev.calendar.external.IcsProblem;
import dev.calendar.user.UserProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.Done;

/**
 * Busy time from other calendars into a user's calendar: an ICS file parsed (off the dispatcher
 * threads: a large file takes a while) and handed to the calendar, which replaces the source's busy
 * time in one step.
 */
public final class ExternalBusyService {
  /**
   * A message between nodes stays well under Artery's 256 KiB frame: a replacement larger than this
   * (estimated) is sent in parts that the calendar stages until the last one.
   */
  static final int MAX_PART_BYTES = 96 * 1024;

  /** What an import did, by UID: new, changed, gone, the same; and events that are not busy. */
  public record Imported(int imported, int updated, int removed, int unchanged, int skipped) {}

  private final EntityAsk<CalendarEntity.Command> calendars;
  private final Function<UUID, CompletionStage<UserProfile>> profiles;
  private final Executor parsing;

  public ExternalBusyService(
      EntityAsk<CalendarEntity.Command> calendars,
      Function<UUID, CompletionStage<UserProfile>> profiles,
      Executor parsing) {
    this.calendars = calendars;
    this.profiles = profiles;
    this.parsing = parsing;
  }

  /**
   * Imports {@code ics} as the busy time of source {@code name} of {@code userId}: all-day and
   * floating times in the user's zone; a 400 naming the line when the file is not one the service
   * takes, and then nothing changes.
   */
  CompletionStage<Imported> importIcs(UUID userId, String name, String ics) {
    return profiles
        .apply(userId)
        .thenApplyAsync(profile -> parse(ics, profile), parsing)
        .thenCompose(
            parsed ->
                replace(userId, ExternalSource.IMPORT_PREFIX + name, parsed.busy())
                    .thenApply(
                        c ->
                            new Imported(
                                c.added(),
                                c.updated(),
                                c.removed(),
                                c.unchanged(),
                                parsed.skipped())));
  }

  private static IcsImport.Parsed parse(String ics, UserProfile profile) {
    try {
      return IcsImport.parse(ics, profile.timezone());
    } catch (IcsProblem e) {
      throw Problem.invalid("body", e.getMessage());
    }
  }

  /**
   * Replaces the busy time of {@code source} with {@code busy} in one step of the calendar, sent in
   * parts when it is large; parts lost on the way (the calendar restarted) are sent again once.
   */
  public CompletionStage<CalendarEntity.ExternalBusyChanged> replace(
      UUID userId, String source, List<ExternalBusy> busy) {
    return replaceOnce(userId, source, busy)
        .thenCompose(
            reply ->
                reply instanceof CalendarEntity.StagingLost
                    ? replaceOnce(userId, source, busy)
                    : CompletableFuture.completedFuture(reply))
        .thenApply(ExternalBusyService::changed);
  }

  private static CalendarEntity.ExternalBusyChanged changed(
      CalendarEntity.ExternalBusyReply reply) {
    if (reply instanceof CalendarEntity.ExternalBusyChanged c) {
      return c;
    }
    if (reply instanceof CalendarEntity.TooMuchExternalBusy t) {
      throw Problem.invalid(
          "body",
          "a calendar keeps at most " + t.max() + " busy events from other calendars in all");
    }
    throw Problem.unavailable("the calendar restarted during the import; import again");
  }

  private CompletionStage<CalendarEntity.ExternalBusyReply> replaceOnce(
      UUID userId, String source, List<ExternalBusy> busy) {
    List<List<ExternalBusy>> parts = parts(busy);
    UUID staging = parts.size() > 1 ? UUID.randomUUID() : null;
    CompletionStage<?> staged = CompletableFuture.completedFuture(null);
    for (List<ExternalBusy> part : parts.subList(0, parts.size() - 1)) {
      staged =
          staged.thenCompose(
              done ->
                  calendars.<Done>ask(
                      userId.toString(),
                      r -> new CalendarEntity.StageExternalBusy(staging, part, r)));
    }
    List<ExternalBusy> last = parts.get(parts.size() - 1);
    return staged.thenCompose(
        done ->
            calendars.<CalendarEntity.ExternalBusyReply>ask(
                userId.toString(),
                r -> new CalendarEntity.ReplaceExternalBusy(source, staging, last, r)));
  }

  /** {@code busy} cut into parts of at most {@link #MAX_PART_BYTES} (estimated); at least one. */
  static List<List<ExternalBusy>> parts(List<ExternalBusy> busy) {
    List<List<ExternalBusy>> parts = new ArrayList<>();
    List<ExternalBusy> part = new ArrayList<>();
    int bytes = 0;
    for (ExternalBusy b : busy) {
      int size = estimatedBytes(b);
      if (!part.isEmpty() && bytes + size > MAX_PART_BYTES) {
        parts.add(part);
        part = new ArrayList<>();
        bytes = 0;
      }
      part.add(b);
      bytes += size;
    }
    parts.add(part);
    return parts;
  }

  /** About what one block takes in CBOR: field names, instants, its id, rule and changes. */
  static int estimatedBytes(ExternalBusy b) {
    var s = b.schedule();
    return 160
        + 2 * b.externalId().length()
        + (s.rrule() == null ? 0 : s.rrule().length())
        + 24 * s.exdates().size()
        + 96 * s.overrides().size();
  }
}
