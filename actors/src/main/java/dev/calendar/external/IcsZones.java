package dev.calendar.external;

import dev.calendar.external.IcsTree.Component;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The IANA zone of each TZID a file uses. An IANA id is used as it is, also in the prefixed forms
 * some clients write ("/mozilla.org/20070129_1/Europe/Berlin", "/Europe/Berlin"). Another TZID must
 * be defined by a VTIMEZONE in the file, and is replaced by an IANA zone that agrees with that
 * definition ({@link ZoneMatch}): schedules are stored and read on other nodes, which know IANA
 * zones only. Anything else is a problem at the line that uses the TZID.
 */
final class IcsZones implements IcsValues.Zones {
  private final Map<String, Component> vtimezones;
  private final List<String> hints;
  private final ZoneId user;
  private static final Set<String> IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

  private final Map<String, Optional<ZoneId>> iana = new HashMap<>();
  private final Map<String, VTimeZoneRules> rules = new HashMap<>();
  private final Map<String, ZoneId> matched = new HashMap<>();

  /**
   * @param vtimezones the file's VTIMEZONEs by TZID
   * @param hints zones the file names for itself (X-WR-TIMEZONE), preferred when they agree
   */
  IcsZones(Map<String, Component> vtimezones, List<String> hints, ZoneId user) {
    this.vtimezones = vtimezones;
    this.hints = hints;
    this.user = user;
  }

  @Override
  public ZoneId user() {
    return user;
  }

  @Override
  public ZoneId zone(String name, int year, int line) {
    String tzid = name.strip();
    Optional<ZoneId> named = iana.computeIfAbsent(tzid, t -> Optional.ofNullable(iana(t)));
    if (named.isPresent()) {
      return named.get();
    }
    Component vtimezone = vtimezones.get(tzid);
    if (vtimezone == null) {
      throw new IcsProblem(line, "unknown TZID \"" + tzid + "\"");
    }
    String key = year + " " + tzid;
    ZoneId zone = matched.get(key);
    if (zone == null) {
      VTimeZoneRules r = rules.computeIfAbsent(tzid, t -> VTimeZoneRules.read(vtimezone));
      zone = ZoneMatch.match(r, year, preferred(tzid, vtimezone));
      if (zone == null) {
        throw new IcsProblem(
            line, "no IANA time zone agrees with the VTIMEZONE of TZID \"" + tzid + "\"");
      }
      matched.put(key, zone);
    }
    return zone;
  }

  /** Zones to try first: what the VTIMEZONE and the file say, the user's, the usual one. */
  private List<String> preferred(String tzid, Component vtimezone) {
    List<String> out = new ArrayList<>();
    out.add(vtimezone.value("X-LIC-LOCATION"));
    out.addAll(hints);
    out.add(user.getId());
    out.add(WindowsZones.usual(tzid));
    return out;
  }

  /** The IANA zone {@code tzid} names, itself or as the tail of a prefixed form; else null. */
  static ZoneId iana(String tzid) {
    String id = tzid.strip();
    if (IDS.contains(id)) {
      return ZoneId.of(id);
    }
    String[] parts = id.split("/");
    for (int i = 1; i < parts.length; i++) {
      String tail = String.join("/", List.of(parts).subList(i, parts.length));
      if (IDS.contains(tail)) {
        return ZoneId.of(tail);
      }
    }
    return null;
  }
}
