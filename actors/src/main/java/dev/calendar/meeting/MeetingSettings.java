package dev.calendar.meeting;

import com.typesafe.config.Config;

/**
 * The {@code calendar.meetings} block (calendar-service.conf). {@code tagCount} spreads the
 * meetings' journal events over that many tags for the projections: changing it moves meetings to
 * other tags, so it is fixed for the life of a journal.
 */
public record MeetingSettings(int tagCount, int snapshotEvery, int keepSnapshots) {
  public static final String PATH = "calendar.meetings";

  /** The values calendar-service.conf ships with. */
  public static final MeetingSettings DEFAULTS = new MeetingSettings(4, 50, 2);

  public static MeetingSettings of(Config root) {
    Config c = root.getConfig(PATH);
    return new MeetingSettings(
        c.getInt("tag-count"), c.getInt("snapshot-every"), c.getInt("keep-snapshots"));
  }

  public String tagFor(java.util.UUID meetingId) {
    return MeetingEntity.tag(Math.floorMod(meetingId.hashCode(), tagCount));
  }
}
