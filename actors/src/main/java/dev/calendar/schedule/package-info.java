/**
 * Pure time arithmetic: intervals, schedules (single events and RFC 5545 series with EXDATEs and
 * per-instance overrides, expanded with lib-recur), overlaps between schedules, working hours, and
 * the rules an event's time and recurrence must keep ({@link dev.calendar.schedule.ScheduleRules}).
 * No actors here: everything is plain Java with plain tests.
 */
package dev.calendar.schedule;
