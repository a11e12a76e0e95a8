/**
 * Accounts: {@link dev.calendar.user.UserEntity} (one per user) and {@link
 * dev.calendar.user.EmailRegistry} (one per normalized email, which makes addresses unique without
 * a lock), plus password hashing.
 */
package dev.calendar.user;
