/**
 * Reminder plans (pure): {@link dev.calendar.reminder.ReminderPlan} finds the next reminder due for
 * each recipient of a meeting, by occurrence, in local time across DST changes.
 */
package dev.calendar.reminder;
