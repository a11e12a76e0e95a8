/**
 * The user's calendar as an RFC 5545 feed that calendar apps subscribe to: {@code POST
 * /users/{id}/calendar-feed-token} issues the secret of its URL (revoking the one before), and
 * {@code GET /users/{id}/calendar.ics?token=} serves it without a session, the token being the
 * credential. The text is written by {@link dev.calendar.external.IcsFeed}.
 */
package dev.calendar.api.feed;
