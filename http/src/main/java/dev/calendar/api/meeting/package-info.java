/**
 * Routes for {@code /events}: request bodies validated field by field ({@link
 * dev.calendar.api.meeting.EventDraft}), then {@link dev.calendar.api.meeting.MeetingService} asks
 * the meeting entity.
 */
package dev.calendar.api.meeting;
