/**
 * Reminders end to end (docs/notifications.md, "Reminders"): the projection that keeps the reminder
 * index in step with the meeting journal, and the scheduler that sends what falls due to the {@code
 * notifications} topic.
 */
package dev.calendar.stream.reminder;
