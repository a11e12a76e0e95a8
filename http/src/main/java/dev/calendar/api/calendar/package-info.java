/** Routes for availability, working-hours rules and a user's listed events. */
package dev.calendar.api.calendar;
