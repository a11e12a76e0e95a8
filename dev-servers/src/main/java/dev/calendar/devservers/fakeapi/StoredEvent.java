package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event, series master or instance of an account, as its API shows it plus what the store needs
 * to answer queries: the span for window overlap and the change number for incremental sync.
 * Mutable; guarded by the lock of the {@link AccountEvents} holding it.
 */
public final class StoredEvent {
  private final String id;
  private final String masterId;
  private final boolean master;
  private ObjectNode json;
  private Instant start;
  private Instant end;
  private boolean removed;
  private boolean overridden;
  private long changeSeq;

  public StoredEvent(String id, String masterId, boolean master) {
    this.id = id;
    this.masterId = masterId;
    this.master = master;
  }

  public String id() {
    return id;
  }

  /** The series master's id for an instance, else null. */
  public String masterId() {
    return masterId;
  }

  public boolean isMaster() {
    return master;
  }

  public boolean isInstance() {
    return masterId != null;
  }

  /** The event as the API answers it (a live node: copy before handing it out). */
  public ObjectNode json() {
    return json;
  }

  public void setJson(ObjectNode json) {
    this.json = json;
  }

  public Instant start() {
    return start;
  }

  public Instant end() {
    return end;
  }

  public void setSpan(Instant start, Instant end) {
    this.start = start;
    this.end = end;
  }

  /** Whether it overlaps [min, max); null bounds are open. */
  public boolean overlaps(Instant min, Instant max) {
    // A zero-length event at min still counts, as the providers list it.
    boolean afterMin =
        min == null || end.isAfter(min) || (end.equals(start) && !start.isBefore(min));
    return afterMin && (max == null || start.isBefore(max));
  }

  /** Cancelled (Google) or deleted (Microsoft). */
  public boolean removed() {
    return removed;
  }

  public void setRemoved(boolean removed) {
    this.removed = removed;
  }

  /** An instance changed on its own: re-expanding its series keeps it as it is. */
  public boolean overridden() {
    return overridden;
  }

  public void setOverridden(boolean overridden) {
    this.overridden = overridden;
  }

  public long changeSeq() {
    return changeSeq;
  }

  void setChangeSeq(long changeSeq) {
    this.changeSeq = changeSeq;
  }
}
