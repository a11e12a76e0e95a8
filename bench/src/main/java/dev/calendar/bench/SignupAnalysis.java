package dev.calendar.bench;

import java.util.List;
import java.util.Optional;

/**
 * What {@code bench signup} measured, worked out without I/O: sign-ups against the journal's rate,
 * Argon2id's cost, the node's CPU per request and what bounds sign-ups. The verdict is given only
 * when every phase it compares measured a rate.
 */
record SignupAnalysis(
    double signUpRate,
    double journalRate,
    double journalSignUps,
    double hashRate,
    double hashMillis,
    double signUpNodeMillis,
    double logInNodeMillis,
    double profileNodeMillis,
    List<PhaseCpu.ThreadCost> signUpThreads,
    List<PhaseCpu.ThreadCost> logInThreads,
    double profilePerSignUp,
    double logInPerSignUp,
    Optional<Boolean> boundByHashing) {

  /** Journal events one sign-up persists: UserEntity Registered, EmailRegistry Claimed. */
  static final int EVENTS_PER_SIGN_UP = 2;

  private static final int THREAD_KINDS = 4;

  /** A phase's rate (successes per second) and the node's CPU in it. */
  record Phase(double rate, PhaseCpu cpu) {}

  /**
   * @param hashCpuShare the bench JVM's share of all cores while hashing
   * @param cores the machine's cores
   */
  static SignupAnalysis of(
      double journalRate,
      double hashRate,
      double hashCpuShare,
      int cores,
      Phase signUps,
      Phase logIn,
      Phase profile) {
    double journalSignUps = journalRate / EVENTS_PER_SIGN_UP;
    boolean measured =
        positive(journalRate)
            && positive(hashRate)
            && positive(signUps.rate())
            && positive(logIn.rate())
            && positive(profile.rate());
    Optional<Boolean> bound =
        measured
            ? Optional.of(
                journalSignUps >= 10 * signUps.rate()
                    && profile.rate() >= 10 * signUps.rate()
                    && signUps.rate() >= 0.4 * Math.min(hashRate, logIn.rate()))
            : Optional.empty();
    return new SignupAnalysis(
        signUps.rate(),
        journalRate,
        journalSignUps,
        hashRate,
        hashCpuShare * cores / hashRate * 1000,
        PhaseCpu.millisPerUnit(signUps.cpu().nodePercent(), signUps.rate()),
        PhaseCpu.millisPerUnit(logIn.cpu().nodePercent(), logIn.rate()),
        PhaseCpu.millisPerUnit(profile.cpu().nodePercent(), profile.rate()),
        threads(signUps),
        threads(logIn),
        profile.rate() / signUps.rate(),
        logIn.rate() / signUps.rate(),
        bound);
  }

  double signUpsPerJournalEvent() {
    return signUpRate / journalRate;
  }

  private static List<PhaseCpu.ThreadCost> threads(Phase phase) {
    return phase.cpu().threadCosts(phase.rate(), THREAD_KINDS);
  }

  private static boolean positive(double v) {
    return v > 0 && Double.isFinite(v);
  }
}
