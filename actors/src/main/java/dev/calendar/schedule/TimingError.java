package dev.calendar.schedule;

/** A rule about an event's time or recurrence that a request breaks, named by its field. */
public record TimingError(String field, String message) {}
