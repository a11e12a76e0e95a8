package dev.calendar.stream.sync.provider;

import java.time.Instant;

/**
 * One page to read. {@code cursor} null: a full listing of {@code [windowStart, windowEnd)}
 * (Google: timeMin/timeMax, singleEvents, showDeleted; Microsoft: calendarView/delta with
 * startDateTime/endDateTime); otherwise the changes since that cursor (Google's syncToken,
 * Microsoft's deltaLink), where the window is the one fixed at the full listing. {@code page} is
 * the previous page's {@link ChangePage#nextPage()} (null: the first page).
 */
public record ChangeQuery(String cursor, String page, Instant windowStart, Instant windowEnd) {}
