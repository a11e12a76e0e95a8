package dev.calendar.external;

import dev.calendar.external.IcsEvent.Dated;
import dev.calendar.external.IcsImport.Parsed;
import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import dev.calendar.schedule.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VEVENTs of one UID as one {@link ExternalBusy}: the master (no RECURRENCE-ID) with its rule,
 * EXDATEs and RDATEs, and each instance with a RECURRENCE-ID as an override of its occurrence, or
 * as an EXDATE when the instance is not busy. An instance that is no occurrence of a master in the
 * file (Google exports a moved instance of a series it leaves out, or an RDATE) is busy time of its
 * own, keyed by its original start.
 */
final class IcsMerge {
  private final Map<ExternalBusy.Key, ExternalBusy> busy = new LinkedHashMap<>();
  private int skipped;

  private IcsMerge() {}

  /** A UID's master (the last one, if several) and its instances in the order of the file. */
  private static final class Group {
    IcsEvent master;
    final List<IcsEvent> instances = new ArrayList<>();
  }

  static Parsed merge(List<IcsEvent> events) {
    IcsMerge merge = new IcsMerge();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (IcsEvent e : events) {
      Group g = groups.computeIfAbsent(e.uid, u -> new Group());
      if (e.recurrenceId != null) {
        g.instances.add(e);
      } else {
        if (g.master != null) {
          merge.skipped++; // the later master replaces it
        }
        g.master = e;
      }
    }
    groups.values().forEach(merge::add);
    return new Parsed(List.copyOf(merge.busy.values()), merge.skipped);
  }

  private void add(Group g) {
    IcsEvent master = g.master;
    if (master != null && master.busy()) {
      series(master, latest(g.instances, master));
      return;
    }
    if (master != null) {
      skipped++;
      if (master.idle == IcsEvent.Idle.CANCELLED) {
        skipped += g.instances.size(); // a cancelled event is off with all its instances
        return;
      }
    }
    // without a busy master (a transparent series, say) each busy instance stands alone
    latest(g.instances, master).forEach((original, instance) -> alone(instance, original));
  }

  /** Instances by original start, the last of several winning. */
  private Map<Instant, IcsEvent> latest(List<IcsEvent> instances, IcsEvent master) {
    Map<Instant, IcsEvent> out = new LinkedHashMap<>();
    for (IcsEvent i : instances) {
      Instant original =
          master == null ? i.recurrenceId.instant() : master.originalStart(i.recurrenceId);
      if (out.put(original, i) != null) {
        skipped++;
      }
    }
    return out;
  }

  private void series(IcsEvent master, Map<Instant, IcsEvent> instances) {
    Schedule schedule = master.schedule();
    Set<Instant> exdates = new LinkedHashSet<>();
    for (Dated d : master.exdates) {
      exdates.add(master.originalStart(d.time()));
      if (exdates.size() > Schedule.MAX_OCCURRENCES) {
        throw new IcsProblem(d.line(), "more than " + Schedule.MAX_OCCURRENCES + " EXDATEs");
      }
    }
    Set<Instant> rdates = new LinkedHashSet<>();
    for (Dated d : master.rdates) {
      Instant s = master.originalStart(d.time());
      if (!exdates.contains(s) && !schedule.hasInstanceAt(s)) {
        rdates.add(s);
      }
      if (rdates.size() > Schedule.MAX_OCCURRENCES) {
        throw new IcsProblem(d.line(), "more than " + Schedule.MAX_OCCURRENCES + " RDATEs");
      }
    }
    List<OccurrenceOverride> overrides = new ArrayList<>();
    Map<Instant, IcsEvent> apart = new LinkedHashMap<>();
    for (Map.Entry<Instant, IcsEvent> e : instances.entrySet()) {
      Instant original = e.getKey();
      IcsEvent instance = e.getValue();
      if (schedule.hasInstanceAt(original)) {
        if (instance.busy()) {
          overrides.add(
              new OccurrenceOverride(original, instance.start.instant(), instance.end, null));
        } else {
          exdates.add(original);
        }
      } else {
        rdates.remove(original); // an instance replaces the RDATE occurrence it names
        apart.put(original, instance);
      }
    }
    if (schedule.recurring()) {
      put(master.uid, null, schedule.withChanges(List.copyOf(exdates), overrides));
    } else if (exdates.contains(schedule.start())) {
      skipped++; // an EXDATE (or a cancelled instance) at its start leaves a single event no time
    } else {
      put(master.uid, null, schedule.withChanges(List.of(), overrides));
    }
    apart.forEach((original, instance) -> alone(instance, original));
    for (Instant s : rdates) {
      Instant end = s.plus(master.duration());
      if (TimeRange.contains(s) && !end.isAfter(TimeRange.END)) {
        put(master.uid, s, Schedule.single(s, end, master.zone()));
      }
    }
  }

  /** An instance without its occurrence in the file: busy on its own, or skipped. */
  private void alone(IcsEvent instance, Instant original) {
    if (instance.busy()) {
      put(
          instance.uid,
          original,
          Schedule.single(instance.start.instant(), instance.end, instance.zone()));
    } else {
      skipped++;
    }
  }

  private void put(String uid, Instant recurrenceId, Schedule schedule) {
    ExternalBusy b = new ExternalBusy(uid, recurrenceId, schedule);
    busy.put(b.key(), b);
  }
}
