/** Reminder rules (offset before start, channel) shared by users' defaults and events. */
package dev.calendar.reminder;
