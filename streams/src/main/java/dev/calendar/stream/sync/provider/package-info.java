/**
 * The calendar providers two-way sync speaks to (Google Calendar, Microsoft Graph), behind one
 * small interface: {@link dev.calendar.stream.sync.provider.CalendarProvider}. The plumbing both
 * implementations share lives here too: {@link dev.calendar.stream.sync.provider.ProviderHttp}
 * (requests, timeouts, size limit, errors sorted by {@link
 * dev.calendar.stream.sync.provider.ErrorKinds}), {@link
 * dev.calendar.stream.sync.provider.TokenEndpoint} (OAuth) and small codecs ({@link
 * dev.calendar.stream.sync.provider.Base32Hex}, {@link
 * dev.calendar.stream.sync.provider.ProviderTimes}, {@link
 * dev.calendar.stream.outbound.RetryAfter}).
 */
package dev.calendar.stream.sync.provider;
