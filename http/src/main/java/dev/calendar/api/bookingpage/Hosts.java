package dev.calendar.api.bookingpage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Fields;
import dev.calendar.api.Ids;
import dev.calendar.api.Problem;
import dev.calendar.bookingpage.EventType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An event type's {@code hosts}: user ids, the owner first (added when not given), then the others
 * in the order given, each once; at most {@link EventType#MAX_HOSTS} in all.
 */
final class Hosts {
  /** Entries a body's list may have, repeats included; more is refused unread. */
  static final int MAX_ENTRIES = 100;

  private Hosts() {}

  /**
   * The users {@code hosts} names besides the owner, to be looked up before the body is read. Empty
   * when the list is one that will be refused anyway (not a list, too long, too many hosts).
   */
  static Set<UUID> named(JsonNode body, UUID ownerId) {
    JsonNode list = body.get("hosts");
    Set<UUID> named = new LinkedHashSet<>();
    if (list == null || !list.isArray() || list.size() > MAX_ENTRIES) {
      return named;
    }
    for (JsonNode entry : list) {
      UUID id = uuid(entry);
      if (id != null && !id.equals(ownerId)) {
        named.add(id);
      }
    }
    return named.size() + 1 > EventType.MAX_HOSTS ? Set.of() : named;
  }

  /** The hosts, owner first; a user in {@code unknown} is refused as no such user. */
  static List<UUID> read(Fields f, String field, UUID ownerId, Set<UUID> unknown) {
    if (!f.has(field) || f.isNull(field)) {
      return List.of(ownerId);
    }
    JsonNode list = f.raw(field);
    if (!list.isArray()) {
      f.error(field, "must be an array of user ids");
      return null;
    }
    if (list.size() > MAX_ENTRIES) {
      f.error(field, "must have at most " + MAX_ENTRIES + " entries");
      return null;
    }
    Set<UUID> hosts = new LinkedHashSet<>();
    hosts.add(ownerId);
    for (int i = 0; i < list.size(); i++) {
      UUID id = uuid(list.get(i));
      if (id == null) {
        f.error(field + "[" + i + "]", "must be a user id (a UUID)");
      } else if (hosts.add(id) && unknown.contains(id)) {
        f.error(field + "[" + i + "]", "no such user");
      }
    }
    if (hosts.size() > EventType.MAX_HOSTS) {
      f.error(field, "at most " + EventType.MAX_HOSTS + " hosts, the owner included");
      return null;
    }
    return List.copyOf(hosts);
  }

  private static UUID uuid(JsonNode entry) {
    if (!entry.isTextual()) {
      return null;
    }
    try {
      return Ids.parse("hosts", entry.textValue());
    } catch (Problem notAUuid) {
      return null;
    }
  }
}
