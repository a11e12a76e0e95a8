package dev.calendar.api;

import java.util.concurrent.CompletionStage;

/** One thing a node needs before it takes traffic (cluster membership, journal, broker). */
public interface ReadinessCheck {
  String name();

  /** Completes with true when ready; false or a failure means not ready. */
  CompletionStage<Boolean> check();
}
