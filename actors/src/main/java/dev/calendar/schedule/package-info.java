/**
 * Pure time arithmetic: intervals, schedules (single events and RFC 5545 series with EXDATEs and
 * per-instance overrides, expanded with lib-recur), overlaps between schedules, and working hours.
 * No actors here: everything is plain Java with plain tests.
 */
package dev.calendar.schedule;
