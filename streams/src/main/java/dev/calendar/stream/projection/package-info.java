/**
 * The set-up shared by every projection over the meeting journal (outbox, notifications,
 * reminders).
 */
package dev.calendar.stream.projection;
