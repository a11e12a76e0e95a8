package dev.calendar.api.user;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.ClientAddress;
import dev.calendar.api.Fields;
import dev.calendar.api.Idempotency;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.api.ProblemHandling;
import dev.calendar.api.Replies;
import dev.calendar.api.reminder.ReminderFields;
import dev.calendar.notification.ReminderRule;
import dev.calendar.store.idempotency.StoredResponse;
import dev.calendar.store.session.Sessions;
import dev.calendar.user.Emails;
import dev.calendar.user.ProfilePatch;
import dev.calendar.user.UserProfile;
import dev.calendar.wire.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /users} and {@code /sessions}: sign-up, log-in, log-out, profile. */
public final class UserRoutes extends AllDirectives {
  static final int MAX_NAME = 200;
  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 256;
  static final int MAX_PUSH_TOKENS = 20;
  static final int MAX_PUSH_TOKEN_LENGTH = 4096;
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");
  // Answers that carry a bearer token must not be kept by any cache.
  private static final CacheControl NO_STORE = CacheControl.create(CacheDirectives.NO_STORE);

  private final AccountService accounts;
  private final Authentication auth;
  private final Idempotency idempotency;
  private final LoginThrottle throttle;
  private final ClientAddress clientAddress;

  public UserRoutes(
      AccountService accounts,
      Authentication auth,
      Idempotency idempotency,
      LoginThrottle throttle,
      ClientAddress clientAddress) {
    this.accounts = accounts;
    this.auth = auth;
    this.idempotency = idempotency;
    this.throttle = throttle;
    this.clientAddress = clientAddress;
  }

  /** The stored (and replayed) answer to a sign-up holds no token: each answer gets a new one. */
  public record SignedUpView(
      UUID id, String email, String name, ZoneId timezone, Instant createdAt, String token) {
    static SignedUpView of(UserProfile p) {
      return new SignedUpView(p.id(), p.email(), p.name(), p.timezone(), p.createdAt(), null);
    }
  }

  public record SessionView(String token, UUID userId, Instant expiresAt) {}

  public Route route() {
    return concat(
        path("users", () -> post(() -> respondWithHeader(NO_STORE, this::signUp))),
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()),
            idText ->
                auth.authenticated(
                    caller ->
                        concat(
                            get(() -> getProfile(caller, idText)),
                            patch(() -> updateProfile(caller, idText))))),
        path(
            "sessions",
            () ->
                post(() -> respondWithHeader(NO_STORE, () -> clientAddress.extract(this::logIn)))),
        path(
            PathMatchers.segment("sessions").slash("current"),
            () -> delete(() -> auth.authenticated(this::logOut))));
  }

  private Route signUp() {
    return JsonBodies.route(
        body -> {
          var f = new Fields(body);
          String email = f.requiredString("email", 3, dev.calendar.user.Emails.MAX_LENGTH);
          if (email != null && !Emails.isValid(email.trim())) {
            f.error("email", "must be an email address");
          }
          String name = f.requiredString("name", 1, MAX_NAME);
          String password = f.requiredString("password", MIN_PASSWORD, MAX_PASSWORD);
          ZoneId zone = f.optionalZone("timezone");
          f.throwIfInvalid();
          var request =
              new AccountService.SignUp(
                  email, name.trim(), password, zone != null ? zone : ZoneId.of("UTC"));
          return idempotency.withKey(
              body,
              false,
              key ->
                  idempotency.run(
                      // No caller yet: the account's address stands in for one, so two sign-ups
                      // for different addresses never share a key (and it is all a key of a
                      // sign-up can ever be about: the id is derived from key and address).
                      Idempotency.Scope.anonymous(Emails.normalize(email), "POST /users"),
                      key,
                      body,
                      () -> {
                        // A retried sign-up must land on the same account: derive its id.
                        UUID userId =
                            key.map(
                                    k ->
                                        UUID.nameUUIDFromBytes(
                                            ("signup:" + k + ":" + Emails.normalize(email))
                                                .getBytes(StandardCharsets.UTF_8)))
                                .orElseGet(UUID::randomUUID);
                        return accounts
                            .signUp(request, userId)
                            .thenApply(
                                p -> Replies.created(SignedUpView.of(p), "/users/" + p.id()));
                      },
                      (answer, replayed) -> withNewSession(answer, replayed ? password : null)));
        });
  }

  /**
   * Adds a new session to a created account's answer. For a replay ({@code replayedPassword} set)
   * only while that password is still the account's: a replay must not undo a password change.
   */
  private CompletionStage<StoredResponse> withNewSession(
      StoredResponse answer, String replayedPassword) {
    if (answer.status() != 201) {
      return CompletableFuture.completedFuture(answer);
    }
    SignedUpView view;
    try {
      view = Json.MAPPER.readValue(answer.body(), SignedUpView.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored sign-up answer is not a SignedUpView", e);
    }
    return (replayedPassword == null
            ? accounts.startSession(view.id())
            : accounts.sessionForSignUpReplay(view.id(), replayedPassword))
        .thenApply(
            session ->
                Replies.created(
                    new SignedUpView(
                        view.id(),
                        view.email(),
                        view.name(),
                        view.timezone(),
                        view.createdAt(),
                        session.token()),
                    answer.location()));
  }

  private Route logIn(String address) {
    return JsonBodies.route(
        body -> {
          var f = new Fields(body);
          String email = f.requiredString("email", 1, Emails.MAX_LENGTH);
          String password = f.requiredString("password", 1, MAX_PASSWORD);
          f.throwIfInvalid();
          var attempt = throttle.begin(email, address);
          if (attempt instanceof LoginThrottle.Refused refused) {
            return ProblemHandling.complete(
                Problem.tooManyRequests(
                    "too many failed log-ins for this account or from this address; retry later",
                    refused.retryAfter()));
          }
          var permit = (LoginThrottle.Permit) attempt;
          CompletionStage<Sessions.NewSession> loggedIn;
          try {
            loggedIn = accounts.logIn(email, password);
          } catch (RuntimeException e) {
            permit.undecided();
            throw e;
          }
          return onSuccess(
              loggedIn.whenComplete((session, failure) -> settle(permit, failure)),
              session ->
                  complete(
                      Replies.toHttp(
                          Replies.json(
                              201,
                              new SessionView(
                                  session.token(), session.userId(), session.expiresAt())))));
        });
  }

  /** Only a wrong password (or an unknown account) counts against the buckets. */
  private static void settle(LoginThrottle.Permit permit, Throwable failure) {
    if (failure == null) {
      permit.succeeded();
    } else if (ProblemHandling.unwrap(failure) instanceof Problem p && p.status() == 401) {
      permit.failed();
    } else {
      permit.undecided();
    }
  }

  private Route logOut(Caller caller) {
    return onSuccess(
        accounts.logOut(caller.userId(), caller.token()), done -> complete(StatusCodes.NO_CONTENT));
  }

  private Route getProfile(Caller caller, String idText) {
    UUID id = caller.ownId(idText, "you can only access your own account");
    return onSuccess(
        accounts.profile(id), profile -> complete(Replies.toHttp(Replies.json(200, profile))));
  }

  private Route updateProfile(Caller caller, String idText) {
    UUID id = caller.ownId(idText, "you can only access your own account");
    return JsonBodies.route(
        body -> {
          var f = new Fields(body);
          String name = f.optionalString("name", 1, MAX_NAME);
          if (f.isNull("name")) {
            f.error("name", "must not be null");
          }
          ZoneId zone = f.optionalZone("timezone");
          List<ReminderRule> reminders = ReminderFields.optionalList(f, "defaultReminders");
          String password = f.optionalString("password", MIN_PASSWORD, MAX_PASSWORD);
          boolean phoneSet = f.has("phone");
          String phone = f.optionalString("phone", 1, 16);
          if (phone != null && !E164.matcher(phone).matches()) {
            f.error("phone", "must be an E.164 number such as +4915112345678");
          }
          List<String> pushTokens =
              f.optionalList("pushTokens", MAX_PUSH_TOKENS, e -> e.string(MAX_PUSH_TOKEN_LENGTH));
          f.throwIfInvalid();
          var patch =
              new ProfilePatch(
                  name == null ? null : name.trim(),
                  zone,
                  reminders,
                  phoneSet,
                  phone,
                  pushTokens,
                  null);
          return onSuccess(
              accounts.update(id, patch, password, caller.token()),
              profile -> complete(Replies.toHttp(Replies.json(200, profile))));
        });
  }
}
