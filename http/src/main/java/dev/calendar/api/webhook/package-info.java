/** Routes for {@code /users/{id}/webhooks}: subscribe, list and delete outgoing webhooks. */
package dev.calendar.api.webhook;
