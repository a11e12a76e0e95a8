package dev.calendar.api.meeting;

import dev.calendar.api.Problem;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingEntity;
import java.util.List;
import java.util.Map;

/** Turns a meeting's reply into the meeting, or the problem the API defines for it. */
final class MeetingReplies {
  private MeetingReplies() {}

  static Meeting meetingOrThrow(MeetingEntity.Reply reply) {
    if (reply instanceof MeetingEntity.Ok ok) {
      return ok.meeting();
    }
    throw problem(reply);
  }

  static Problem problem(MeetingEntity.Reply reply) {
    if (reply instanceof MeetingEntity.Conflicts c) {
      return new Problem(
          409,
          "Conflict",
          "the time is not free for every participant; nothing was booked",
          List.of(),
          Map.of("conflicts", c.conflicts()),
          Map.of());
    }
    if (reply instanceof MeetingEntity.NotFound) {
      return Problem.notFound("no such event");
    }
    if (reply instanceof MeetingEntity.Forbidden f) {
      return Problem.forbidden(f.reason());
    }
    if (reply instanceof MeetingEntity.VersionMismatch v) {
      return new Problem(
          412,
          "Precondition failed",
          "the event is at version " + v.currentVersion() + ", not the one in If-Match",
          List.of(),
          Map.of("currentVersion", v.currentVersion()),
          Map.of());
    }
    if (reply instanceof MeetingEntity.KeyReused) {
      return Problem.keyReused();
    }
    if (reply instanceof MeetingEntity.Refused r) {
      return r.field() == null
          ? Problem.conflict(r.reason())
          : Problem.invalid(r.field(), r.reason());
    }
    if (reply instanceof MeetingEntity.NotBookable n) {
      return n.refusal().taken()
          ? Problem.conflict(n.refusal().message())
          : Problem.invalid("start", n.refusal().message());
    }
    if (reply instanceof MeetingEntity.Unavailable u) {
      return Problem.unavailable(u.reason() + "; retry with the same key");
    }
    throw new IllegalStateException("unexpected reply " + reply);
  }
}
