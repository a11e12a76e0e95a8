/**
 * Other calendars over HTTP: importing ICS files as busy time (and, with connections, the calendars
 * polled or synced for a user).
 */
package dev.calendar.api.external;
