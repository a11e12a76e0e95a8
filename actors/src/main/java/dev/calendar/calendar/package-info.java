/**
 * One user's calendar: {@link dev.calendar.calendar.CalendarEntity} (one per user, the single
 * writer that makes "is it free?" and "take it" one step) over the pure {@link
 * dev.calendar.calendar.CalendarBook}.
 */
package dev.calendar.calendar;
