/**
 * HTTP plumbing shared by the local Google Calendar and Microsoft Graph providers: routing on a JDK
 * {@code HttpServer}, JSON answers, the request log, injected faults, OAuth codes and tokens, sync
 * cursors with paged snapshots, RRULE expansion and the log of outgoing notifications.
 */
package dev.calendar.devservers.fakeapi;
