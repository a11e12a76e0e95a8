package dev.calendar.api.user;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.store.session.Sessions;
import dev.calendar.user.EmailRegistry;
import dev.calendar.user.Emails;
import dev.calendar.user.PasswordHasher;
import dev.calendar.user.ProfilePatch;
import dev.calendar.user.UserEntity;
import dev.calendar.user.UserProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Sign-up, log-in and profile changes over the user entities. Password hashing runs on the blocking
 * executor; the entities only store and compare what they are given.
 */
public final class AccountService {
  private static final String WRONG_CREDENTIALS = "wrong email or password";

  private final EntityAsk<UserEntity.Command> users;
  private final EntityAsk<EmailRegistry.Command> emails;
  private final PasswordHasher hasher;
  private final Sessions sessions;
  private final Executor blocking;
  private final Clock clock;

  public AccountService(
      ClusterSharding sharding,
      PasswordHasher hasher,
      Sessions sessions,
      Executor blocking,
      Duration askTimeout,
      Clock clock) {
    this(
        EntityAsk.sharded(sharding, UserEntity.TYPE_KEY, askTimeout),
        EntityAsk.sharded(sharding, EmailRegistry.TYPE_KEY, askTimeout),
        hasher,
        sessions,
        blocking,
        clock);
  }

  /** Over any user entities and email registries: for tests that give canned replies. */
  AccountService(
      EntityAsk<UserEntity.Command> users,
      EntityAsk<EmailRegistry.Command> emails,
      PasswordHasher hasher,
      Sessions sessions,
      Executor blocking,
      Clock clock) {
    this.users = users;
    this.emails = emails;
    this.hasher = hasher;
    this.sessions = sessions;
    this.blocking = blocking;
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
                users.<UserEntity.Result>ask(
                    userId.toString(),
                    reply ->
                        new UserEntity.Register(
                            email,
                            request.name(),
                            request.timezone(),
                            hash,
                            clock.instant(),
                            reply)))
        .thenCompose(
            result -> {
              if (!(result instanceof UserEntity.Found found)) {
                throw Problem.conflict("an account with this email already exists");
              }
              return emails
                  .<EmailRegistry.ClaimResult>ask(
                      email, reply -> new EmailRegistry.Claim(userId, reply))
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
    return emails
        .<EmailRegistry.Owner>ask(Emails.normalize(rawEmail), EmailRegistry.Lookup::new)
        .thenCompose(owner -> sessionIfPassword(owner.userId(), password, WRONG_CREDENTIALS));
  }

  /**
   * A new session for a replayed sign-up: only while the sign-up's password is still the account's,
   * so a replay cannot undo a password change.
   */
  public CompletionStage<Sessions.NewSession> sessionForSignUpReplay(UUID userId, String password) {
    return sessionIfPassword(
        userId, password, "the password was changed since this sign-up; log in instead");
  }

  public CompletionStage<Sessions.NewSession> startSession(UUID userId) {
    return sessions.start(userId);
  }

  /**
   * Verifies {@code password} against the account's hash, starts a session, then reads the hash
   * again: if the password changed meanwhile, the new session is ended and refused. A password
   * change ends the sessions listed when it is done, so a log-in that verified the old password
   * just before the change either started its session before that listing (and is ended there) or
   * sees the new hash here (and ends its own): no session of an old password survives the change.
   */
  private CompletionStage<Sessions.NewSession> sessionIfPassword(
      UUID userId, String password, String refusal) {
    return credentials(userId)
        .thenComposeAsync(
            credentials -> {
              if (!hasher.verify(password, credentials.passwordHash())) {
                throw Problem.unauthorized(refusal);
              }
              return sessions
                  .start(userId)
                  .thenCompose(
                      session ->
                          credentials(userId)
                              .thenCompose(
                                  now ->
                                      credentials.passwordHash().equals(now.passwordHash())
                                          ? CompletableFuture.completedFuture(session)
                                          : sessions
                                              .end(userId, session.token())
                                              .<Sessions.NewSession>thenApply(
                                                  ended -> {
                                                    throw Problem.unauthorized(refusal);
                                                  })));
            },
            blocking);
  }

  private CompletionStage<UserEntity.Credentials> credentials(UUID userId) {
    return userId == null
        ? CompletableFuture.completedFuture(new UserEntity.Credentials(null, null))
        : users.<UserEntity.Credentials>ask(userId.toString(), UserEntity.GetCredentials::new);
  }

  public CompletionStage<Void> logOut(UUID userId, String token) {
    return sessions.end(userId, token);
  }

  public CompletionStage<UserProfile> profile(UUID userId) {
    return users
        .<UserEntity.Result>ask(userId.toString(), UserEntity.GetProfile::new)
        .thenApply(AccountService::profileOrNotFound);
  }

  /**
   * Applies a validated patch; a new password (plain text here) is hashed first, and once it is
   * stored every other session of the account is ended: only {@code currentToken}, the session that
   * made the change, goes on.
   */
  public CompletionStage<UserProfile> update(
      UUID userId, ProfilePatch patch, String newPassword, String currentToken) {
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
                users.<UserEntity.Result>ask(
                    userId.toString(),
                    reply -> new UserEntity.UpdateProfile(p, clock.instant(), reply)))
        .thenApply(AccountService::profileOrNotFound)
        .thenCompose(
            profile ->
                newPassword == null
                    ? CompletableFuture.completedFuture(profile)
                    : sessions.endAllBut(userId, currentToken).thenApply(ended -> profile));
  }

  private static UserProfile profileOrNotFound(UserEntity.Result result) {
    if (result instanceof UserEntity.Found found) {
      return found.profile();
    }
    throw Problem.notFound("no such user");
  }
}
