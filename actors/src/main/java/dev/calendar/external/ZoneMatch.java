package dev.calendar.external;

import dev.calendar.external.VTimeZoneRules.Change;
import dev.calendar.external.VTimeZoneRules.Offsets;
import dev.calendar.schedule.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IANA zone for a VTIMEZONE that names none (Outlook's "W. Europe Standard Time"): one whose
 * offsets agree with it, since a schedule must carry a zone every node can read. Many zones agree
 * (Berlin, Paris, Rome...); they are tried in order of preference (see {@link #candidates}) and the
 * first that agrees wins.
 *
 * <p>Agreeing means the same offset at the start of a window and the same changes (instant and new
 * offset) within it. The window is the year of the time read and the next one, which also covers
 * the first year of a series, the span in which the service checks a new series. Outlook writes
 * today's rules for every year, so for an older time no zone may agree; then a zone whose ongoing
 * rules agree with the VTIMEZONE is taken: compared in two years after both the VTIMEZONE's last
 * observance began and the zone's last explicit change.
 */
final class ZoneMatch {
  private static final Pattern REGION =
      Pattern.compile(
          "(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+");

  /** Every IANA zone: region zones (Area/City) first, then the rest (Etc/GMT+1, CET...). */
  private static final List<String> ALL = all();

  private final VTimeZoneRules rules;
  private final Map<Integer, Offsets> byYear = new HashMap<>();

  private ZoneMatch(VTimeZoneRules rules) {
    this.rules = rules;
  }

  /**
   * The first of {@code preferred}, then of all zones, that agrees with {@code rules} for a time in
   * {@code year}; null when none does.
   */
  static ZoneId match(VTimeZoneRules rules, int year, List<String> preferred) {
    return new ZoneMatch(rules).match(year, preferred);
  }

  private ZoneId match(int year, List<String> preferred) {
    int y = Math.max(TimeRange.FIRST_YEAR, Math.min(year, TimeRange.LAST_YEAR - 2));
    List<String> candidates = candidates(preferred);
    for (String id : candidates) {
      ZoneId zone = ZoneId.of(id);
      if (agrees(zone, y)) {
        return zone;
      }
    }
    for (String id : candidates) {
      ZoneId zone = ZoneId.of(id);
      int ongoing = Math.max(y, Math.max(rules.latestStartYear(), lastExplicitYear(zone)) + 1);
      if (ongoing <= TimeRange.LAST_YEAR - 2 && agrees(zone, ongoing)) {
        return zone;
      }
    }
    return null;
  }

  /** Whether {@code zone} has the VTIMEZONE's offsets in {@code year} and the next. */
  private boolean agrees(ZoneId zone, int year) {
    Instant from = start(year);
    Instant to = start(year + 2);
    Offsets offsets = byYear.computeIfAbsent(year, y -> rules.offsets(from, to));
    ZoneRules zoneRules = zone.getRules();
    if (!zoneRules.getOffset(from).equals(offsets.initial())) {
      return false;
    }
    List<Change> changes = offsets.changes();
    int i = 0;
    ZoneOffsetTransition t = zoneRules.nextTransition(from);
    while (t != null && t.getInstant().isBefore(to)) {
      if (i >= changes.size()
          || !changes.get(i).equals(new Change(t.getInstant(), t.getOffsetAfter()))) {
        return false;
      }
      i++;
      t = zoneRules.nextTransition(t.getInstant());
    }
    return i == changes.size();
  }

  private static Instant start(int year) {
    return LocalDate.of(year, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static int lastExplicitYear(ZoneId zone) {
    List<ZoneOffsetTransition> explicit = zone.getRules().getTransitions();
    if (explicit.isEmpty()) {
      return TimeRange.FIRST_YEAR;
    }
    return explicit.get(explicit.size() - 1).getInstant().atOffset(ZoneOffset.UTC).getYear();
  }

  /**
   * The preferred zones that exist, then every other one: ids, since the JDK reads a zone's rules
   * when its ZoneId is made, and reading all of them takes seconds.
   */
  private static List<String> candidates(List<String> preferred) {
    Set<String> ids = new LinkedHashSet<>();
    Set<String> available = ZoneId.getAvailableZoneIds();
    for (String id : preferred) {
      if (id != null && !id.contains("~") && available.contains(id.strip())) {
        ids.add(id.strip());
      }
    }
    ids.addAll(ALL);
    return List.copyOf(ids);
  }

  private static List<String> all() {
    List<String> regions = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      if (id.contains("~")) {
        // ical4j registers zones of its own (ical4j~…) as parsed files bring them: not IANA zones,
        // and some of them have no rules left to read.
        continue;
      }
      (REGION.matcher(id).matches() ? regions : others).add(id);
    }
    regions.sort(null);
    others.sort(null);
    regions.addAll(others);
    return List.copyOf(regions);
  }
}
