package dev.calendar.stream.sync.provider;

/** What an authorization code gave: tokens and the account's name (its email address). */
public record Grant(Tokens tokens, String account) {}
