/**
 * Microsoft Graph (Outlook calendars) as a {@link
 * dev.calendar.stream.sync.provider.CalendarProvider}: {@link
 * dev.calendar.stream.sync.outlook.OutlookProvider}.
 */
package dev.calendar.stream.sync.outlook;
