/**
 * Sync with calendars outside the service. So far the fetching of a subscribed ICS feed ({@code
 * {provider: "ics", url}}): {@link dev.calendar.stream.sync.IcsFeedFetcher} gets the feed over
 * HTTP(S) conditionally, to addresses the service's URL policy allows only, and says whether it
 * changed; polling it and reading its events is the caller's.
 */
package dev.calendar.stream.sync;
