package dev.calendar.store.invitation;

import dev.calendar.invitation.Told;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** What each recipient of one meeting's emails was last told, by recipient key. */
public interface ToldStore {

  CompletionStage<Map<String, Told>> load(UUID eventId);

  /** Upserts these rows; the others stay. */
  CompletionStage<Void> save(UUID eventId, Map<String, Told> told);
}
