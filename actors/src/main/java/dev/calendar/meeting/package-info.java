/**
 * Meetings: {@link dev.calendar.meeting.MeetingEntity} (one per meeting) decides and persists a
 * booking and runs its saga over the participants' calendars through {@link
 * dev.calendar.meeting.Calendars}.
 */
package dev.calendar.meeting;
