/**
 * A local Microsoft Graph calendar provider ({@link
 * dev.calendar.devservers.outlook.OutlookServer}): OAuth, {@code /me/events} with series expanded
 * to occurrences, calendarView delta rounds, subscriptions with the validation handshake, change
 * and lifecycle notifications, and a {@code /dev/...} admin API for people and tests.
 */
package dev.calendar.devservers.outlook;
