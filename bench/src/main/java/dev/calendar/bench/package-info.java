/** Load programs run against a live node; each prints a report beside a same-run baseline. */
package dev.calendar.bench;
