package dev.calendar.stream.notifier;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The notifier's counters, shared by the classes that each move one part of a delivery along, so
 * {@link Deliveries#stats()} reads them in one place.
 */
final class DeliveryCounters {
  final AtomicLong sent = new AtomicLong();
  final AtomicLong dead = new AtomicLong();
  final AtomicLong alreadySettled = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicInteger inFlight = new AtomicInteger();

  Deliveries.Stats snapshot() {
    return new Deliveries.Stats(
        sent.get(), dead.get(), alreadySettled.get(), retries.get(), inFlight.get());
  }
}
