package dev.calendar.calendar;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Revision stamps of calendars: random 64-bit numbers, never 0 (which askers use for "none known").
 * Random rather than counted, so a calendar recovered after passivation or on another node never
 * repeats a stamp that an earlier incarnation gave to different contents (the chance of a repeat is
 * 2<sup>-64</sup> per comparison).
 */
final class Revisions {
  private Revisions() {}

  static long next() {
    long stamp;
    do {
      stamp = ThreadLocalRandom.current().nextLong();
    } while (stamp == 0);
    return stamp;
  }
}
