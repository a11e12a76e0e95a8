package dev.calendar.devservers.fakeapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events of one account with a change counter: every write stamps the events it touched with
 * the next number, and a sync cursor is just the number it was issued at. The cursor epoch moves on
 * {@code invalidate-cursors} so that every cursor issued before stops working. Callers hold the
 * instance's monitor while reading or writing.
 */
public final class AccountEvents {
  private final String account;
  private final Map<String, StoredEvent> events = new LinkedHashMap<>();
  private long seq;
  private long cursorEpoch;

  public AccountEvents(String account) {
    this.account = account;
  }

  public String account() {
    return account;
  }

  public StoredEvent get(String id) {
    return events.get(id);
  }

  public void put(StoredEvent e) {
    events.put(e.id(), e);
  }

  public Collection<StoredEvent> all() {
    return events.values();
  }

  /** The instances of a series, in the order they were made. */
  public List<StoredEvent> instancesOf(String masterId) {
    List<StoredEvent> out = new ArrayList<>();
    for (StoredEvent e : events.values()) {
      if (masterId.equals(e.masterId())) {
        out.add(e);
      }
    }
    return out;
  }

  /** Stamps the event as changed now; returns the new change number. */
  public long touch(StoredEvent e) {
    e.setChangeSeq(++seq);
    return seq;
  }

  /** The number of the last change; a cursor issued now sees everything after it. */
  public long seq() {
    return seq;
  }

  public long cursorEpoch() {
    return cursorEpoch;
  }

  public void invalidateCursors() {
    cursorEpoch++;
  }
}
