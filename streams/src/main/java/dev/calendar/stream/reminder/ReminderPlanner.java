package dev.calendar.stream.reminder;

import dev.calendar.meeting.Meeting;
import dev.calendar.notification.ReminderRule;
import dev.calendar.reminder.DueReminder;
import dev.calendar.reminder.Recipient;
import dev.calendar.reminder.ReminderPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@link ReminderPlan} with what it needs fetched: users' default reminders, and for a fired
 * reminder of a series the meeting as it is now.
 */
public final class ReminderPlanner {

  /** Where the planner looks things up (the entities, or a map in tests). */
  public interface Lookups {
    /** The meeting as {@code callerId} may see it; empty when unknown or hidden from them. */
    CompletionStage<Optional<Meeting>> meeting(UUID eventId, UUID callerId);

    /** The user's default reminders; empty for an unknown user. */
    CompletionStage<List<ReminderRule>> defaults(UUID userId);
  }

  private final Lookups lookups;
  private final Executor executor;

  public ReminderPlanner(Lookups lookups, Executor executor) {
    this.lookups = lookups;
    this.executor = executor;
  }

  /** Every recipient's next reminder per rule due after {@code after}. */
  public CompletionStage<List<DueReminder>> plan(Meeting meeting, Instant after) {
    if (meeting.cancelled()) {
      return CompletableFuture.completedFuture(List.of());
    }
    return defaults(ReminderPlan.usersNeedingDefaults(meeting))
        .thenApplyAsync(
            defaults ->
                ReminderPlan.next(meeting, ReminderPlan.recipients(meeting, defaults), after),
            executor);
  }

  /**
   * The reminder of the same recipient and rule after {@code fired}, for the meeting as it is now;
   * empty when the meeting is cancelled or unknown, the rule or recipient is gone, or the series
   * has ended. Asked as the recipient (or, for a guest, as the organizer), so a participant who was
   * removed gets nothing more.
   */
  public CompletionStage<Optional<DueReminder>> nextAfter(DueReminder fired) {
    return lookups
        .meeting(fired.eventId(), fired.historyUserId())
        .thenComposeAsync(
            found -> {
              if (found.isEmpty() || found.get().cancelled()) {
                return CompletableFuture.completedFuture(Optional.<DueReminder>empty());
              }
              Meeting meeting = found.get();
              Set<UUID> needed =
                  !meeting.details().reminders().isEmpty()
                      ? Set.of()
                      : Set.of(fired.userId() != null ? fired.userId() : meeting.organizerId());
              return defaults(needed)
                  .thenApplyAsync(
                      defaults -> {
                        List<Recipient> recipients =
                            ReminderPlan.recipients(meeting, defaults).stream()
                                .filter(r -> r.id().equals(fired.recipient()))
                                .toList();
                        return ReminderPlan.next(meeting, recipients, fired.dueAt()).stream()
                            .filter(fired::sameRule)
                            .findFirst();
                      },
                      executor);
            },
            executor);
  }

  private CompletionStage<Map<UUID, List<ReminderRule>>> defaults(Set<UUID> users) {
    if (users.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    List<UUID> ids = new ArrayList<>(users);
    List<CompletableFuture<List<ReminderRule>>> asks =
        ids.stream().map(id -> lookups.defaults(id).toCompletableFuture()).toList();
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApplyAsync(
            done -> {
              Map<UUID, List<ReminderRule>> out = new HashMap<>();
              for (int i = 0; i < ids.size(); i++) {
                out.put(ids.get(i), asks.get(i).join());
              }
              return out;
            },
            executor);
  }
}
