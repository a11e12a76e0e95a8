/** Digests of text: what the service keeps of secret tokens, and ETags. Depends on nothing. */
package dev.calendar.digest;
