/**
 * The reminder index in Cassandra: reminders by partition and minute of their due time, the
 * reminders of each event, and the scheduler's watermarks (docs/notifications.md, "Reminders").
 */
package dev.calendar.store.reminder;
