/**
 * The calendar providers two-way sync speaks to (Google Calendar, Microsoft Graph), behind one
 * small interface: {@link dev.calendar.stream.sync.provider.CalendarProvider}.
 */
package dev.calendar.stream.sync.provider;
