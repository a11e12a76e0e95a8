/**
 * Google Calendar API v3 as a {@link dev.calendar.stream.sync.provider.CalendarProvider}: {@link
 * dev.calendar.stream.sync.google.GoogleCalendarProvider}.
 */
package dev.calendar.stream.sync.google;
