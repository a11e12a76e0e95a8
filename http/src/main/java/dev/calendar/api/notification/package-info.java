/** The route for {@code GET /users/{id}/notifications}: a user's delivery history. */
package dev.calendar.api.notification;
