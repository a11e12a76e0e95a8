package dev.calendar.user;

import dev.calendar.http.Problem;
import dev.calendar.session.Sessions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Sign-up, log-in and profile changes over the user entities. Password hashing runs on the blocking
 * executor; the entities only store and compare what they are given.
 */
public final class AccountService {
  private final ClusterSharding sharding;
  private final PasswordHasher hasher;
  private final Sessions sessions;
  private final Executor blocking;
  private final Duration askTimeout;
  private final Clock clock;

  public AccountService(
      ClusterSharding sharding,
      PasswordHasher hasher,
      Sessions sessions,
      Executor blocking,
      Duration askTimeout,
      Clock clock) {
    this.sharding = sharding;
    this.hasher = hasher;
    this.sessions = sessions;
    this.blocking = blocking;
    this.askTimeout = askTimeout;
    this.clock = clock;
  }

  public record SignUp(String email, String name, String password, ZoneId timezone) {}

  /**
   * Registers the user under {@code userId}, then claims the email for it. Registering first means
   * a lost race (or a crash in between) leaves only an unreachable account, never an email that
   * belongs to nobody.
   */
  public CompletionStage<UserProfile> signUp(SignUp request, UUID userId) {
    String email = Emails.normalize(request.email());
    return CompletableFuture.supplyAsync(() -> hasher.hash(request.password()), blocking)
        .thenCompose(
            hash ->
                user(userId)
                    .<UserEntity.Result>ask(
                        reply ->
                            new UserEntity.Register(
                                email,
                                request.name(),
                                request.timezone(),
                                hash,
                                clock.instant(),
                                reply),
                        askTimeout))
        .thenCompose(
            result -> {
              if (!(result instanceof UserEntity.Found found)) {
                throw Problem.conflict("an account with this email already exists");
              }
              return email(email)
                  .<EmailRegistry.ClaimResult>ask(
                      reply -> new EmailRegistry.Claim(userId, reply), askTimeout)
                  .thenCompose(
                      claim -> {
                        if (claim instanceof EmailRegistry.AlreadyTaken) {
                          throw Problem.conflict("an account with this email already exists");
                        }
                        return CompletableFuture.completedFuture(found.profile());
                      });
            });
  }

  /** The same answer for an unknown email and a wrong password, in about the same time. */
  public CompletionStage<Sessions.NewSession> logIn(String rawEmail, String password) {
    return email(Emails.normalize(rawEmail))
        .<EmailRegistry.Owner>ask(EmailRegistry.Lookup::new, askTimeout)
        .thenCompose(
            owner ->
                owner.userId() == null
                    ? CompletableFuture.completedFuture(new UserEntity.Credentials(null, null))
                    : user(owner.userId())
                        .<UserEntity.Credentials>ask(UserEntity.GetCredentials::new, askTimeout))
        .thenComposeAsync(
            credentials -> {
              if (!hasher.verify(password, credentials.passwordHash())) {
                throw Problem.unauthorized("wrong email or password");
              }
              return sessions.start(credentials.userId());
            },
            blocking);
  }

  public CompletionStage<Sessions.NewSession> startSession(UUID userId) {
    return sessions.start(userId);
  }

  public CompletionStage<Void> logOut(String token) {
    return sessions.end(token);
  }

  public CompletionStage<UserProfile> profile(UUID userId) {
    return user(userId)
        .<UserEntity.Result>ask(UserEntity.GetProfile::new, askTimeout)
        .thenApply(AccountService::profileOrNotFound);
  }

  /** Applies a validated patch; a new password (plain text here) is hashed first. */
  public CompletionStage<UserProfile> update(UUID userId, ProfilePatch patch, String newPassword) {
    CompletionStage<ProfilePatch> hashed =
        newPassword == null
            ? CompletableFuture.completedFuture(patch)
            : CompletableFuture.supplyAsync(
                () ->
                    new ProfilePatch(
                        patch.name(),
                        patch.timezone(),
                        patch.defaultReminders(),
                        patch.phoneSet(),
                        patch.phone(),
                        patch.pushTokens(),
                        hasher.hash(newPassword)),
                blocking);
    return hashed
        .thenCompose(
            p ->
                user(userId)
                    .<UserEntity.Result>ask(
                        reply -> new UserEntity.UpdateProfile(p, clock.instant(), reply),
                        askTimeout))
        .thenApply(AccountService::profileOrNotFound);
  }

  private static UserProfile profileOrNotFound(UserEntity.Result result) {
    if (result instanceof UserEntity.Found found) {
      return found.profile();
    }
    throw Problem.notFound("no such user");
  }

  private EntityRef<UserEntity.Command> user(UUID id) {
    return sharding.entityRefFor(UserEntity.TYPE_KEY, id.toString());
  }

  private EntityRef<EmailRegistry.Command> email(String normalized) {
    return sharding.entityRefFor(EmailRegistry.TYPE_KEY, normalized);
  }
}
