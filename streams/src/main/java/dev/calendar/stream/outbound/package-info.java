/**
 * Calls to URLs that users gave (webhooks, subscribed feeds): connections that go only to addresses
 * the service's {@link dev.calendar.webhook.UrlPolicy} allows, checked at the moment of connecting.
 */
package dev.calendar.stream.outbound;
