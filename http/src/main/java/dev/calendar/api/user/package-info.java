/** Routes for accounts and sessions: sign-up, log-in (throttled), profile, log-out. */
package dev.calendar.api.user;
