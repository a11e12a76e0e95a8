/** Reminder rules as request fields, shared by events and user profiles. */
package dev.calendar.api.reminder;
