package dev.calendar.api.bookingpage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.typesafe.config.Config;
import dev.calendar.api.AsciiText;
import dev.calendar.api.Instants;
import dev.calendar.bookingpage.BookingRules;
import dev.calendar.schedule.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Slot lists already computed, per page and window, as the JSON they are served as. Many guests
 * open the same page for the same weeks; each of them then costs a look at every host's calendar
 * revision instead of a new list. An entry is served only while every host's calendar is still at
 * the revision it was computed from and the clock is before the list's {@code stableUntil} (see
 * {@link BookingRules.Listing}), so it is exactly the list a new computation would give. Per node,
 * in memory, bounded in bytes; the least used entries go first.
 */
public final class SlotLists {
  /** A page's slots over a window. */
  record Key(UUID ownerId, String slug, Interval window) {}

  /**
   * A computed list: the page and host revisions it was computed from, until when it holds, and its
   * slots as a JSON array.
   */
  record Entry(BookingPageService.Fetched from, Instant stableUntil, byte[] json) {
    boolean holds(BookingPageService.Fetched now, Instant at) {
      return now.unchanged() && at.isBefore(stableUntil);
    }
  }

  // A rough size of an entry besides its JSON: the views it keeps (per occupied interval or
  // booking of the type, about its objects' size) and the key.
  private static final int BYTES_PER_VIEW_ITEM = 96;
  private static final int BYTES_PER_ENTRY = 512;

  private final Cache<Key, Entry> entries;

  SlotLists(long maxBytes, Duration idleExpiry) {
    this.entries =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Key k, Entry e) -> weight(e))
            .expireAfterAccess(idleExpiry)
            // Upkeep on the calling thread: the common pool is a single thread on 2 cores.
            .executor(Runnable::run)
            .build();
  }

  /** {@code calendar.booking-pages.slot-cache}. */
  public static SlotLists of(Config config) {
    Config c = config.getConfig("calendar.booking-pages.slot-cache");
    return new SlotLists(c.getBytes("max-size"), c.getDuration("idle-expiry"));
  }

  /** The entry for {@code key}, or null. */
  Entry get(Key key) {
    return entries.getIfPresent(key);
  }

  /** Computes the list of {@code fetched} at {@code now}, keeps it under {@code key}. */
  Entry compute(Key key, BookingPageService.Fetched fetched, Instant now) {
    var page = fetched.page();
    var listing = BookingRules.listing(page.type(), page.hosts(), key.window(), now);
    var entry = new Entry(fetched, listing.stableUntil(), json(listing.slots()));
    entries.put(key, entry);
    return entry;
  }

  /** How many entries are kept (estimated), for tests. */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /**
   * {@code [{"start":…,"end":…,"seatsLeft":…}, …]}, seatsLeft only when the type has seats: what
   * Jackson would write for the slots, written directly (every value is an instant or a number).
   */
  static byte[] json(List<BookingRules.Slot> slots) {
    AsciiText out = new AsciiText(2 + slots.size() * 72);
    var instants = new Instants.Writer(out);
    out.append('[');
    for (int i = 0; i < slots.size(); i++) {
      BookingRules.Slot s = slots.get(i);
      if (i > 0) {
        out.append(',');
      }
      instants.text("{\"start\":\"").append(s.start());
      instants.text("\",\"end\":\"").append(s.end()).text("\"");
      if (s.seatsLeft() != null) {
        out.append(",\"seatsLeft\":").append(s.seatsLeft().intValue());
      }
      out.append('}');
    }
    return out.append(']').toBytes();
  }

  private static int weight(Entry e) {
    int items = 0;
    for (var host : e.from().page().hosts()) {
      items += host.occupied().size() + host.typeBookings().size();
    }
    return BYTES_PER_ENTRY + e.json().length + items * BYTES_PER_VIEW_ITEM;
  }
}
