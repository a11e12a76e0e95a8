package dev.calendar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The set-up of {@code bench booking-pages}, not measured: {@code --users} hosts, each with working
 * hours in one of {@link #ZONES}, a {@link HostWeek} of meetings and a one-host event type; then
 * 3-host (collective) types of hosts who share a zone; then one slot list per type, which shows how
 * many slots a list holds and gives the listed starts the booking phase books. Any answer but the
 * expected one stops the program: the phases would measure a set-up that is not the one described.
 */
final class BookingPagesSetUp {
  /** Hosts take these zones in turn. */
  static final List<ZoneId> ZONES =
      List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));

  static final int MIN_SINGLES = 20;
  static final int MAX_SINGLES = 60;
  static final int TEAM_SIZE = 3;
  static final Duration SLOT = Duration.ofMinutes(30);
  static final Duration MINIMUM_NOTICE = Duration.ofHours(1);
  static final int HORIZON_DAYS = 60;

  /** A 31-day list: the longest window the slots route takes. */
  static final Duration LIST_WINDOW = Duration.ofDays(31);

  // A listed start this close to the minimum notice may be too soon by the time it is booked.
  private static final Duration NOTICE_MARGIN = Duration.ofMinutes(15);
  private static final int MAX_RETRIES_WHEN_LIMITED = 60;

  /** A booking page: {@code /book/{owner}/{slug}}, its number of hosts and the owner's zone. */
  record Page(UUID owner, String slug, int hosts, ZoneId zone) {
    String path() {
      return "/book/" + owner + "/" + slug;
    }
  }

  /** A start a page listed, for the booking phase. */
  record Listed(Page page, Instant start) {}

  /**
   * What the set-up made: the sign-ups, the pages, the single meetings booked, how long the rest
   * took, the mean slots of a 31-day list (NaN without pages), the listed starts, shuffled, and the
   * 429s it waited out.
   */
  record Result(
      HttpLoad.SignUps signUps,
      List<Page> oneHost,
      List<Page> teams,
      long singles,
      double seconds,
      double oneHostSlots,
      double teamSlots,
      List<Listed> listed,
      long limited) {

    /** The report's lines about it. */
    String text() {
      return String.format(
          "%s%n  Then in %.1f s: working hours 09:00-17:00 Mon-Fri in %s (in turn);%n  %d single"
              + " meetings (%.1f per host) and a weekly 1-hour series per host; %d one-host and %d"
              + " %d-host event types%n  (30 min every 30 min, notice %s, horizon %s; a team's"
              + " hosts share a zone). A 31-day slot list held%n  %.0f slots (one host) and %.0f"
              + " (%d hosts) on average; %d listed starts to book%s.",
          signUps.text(),
          seconds,
          ZONES.stream().map(ZoneId::getId).reduce((a, b) -> a + ", " + b).orElse(""),
          singles,
          (double) singles / oneHost.size(),
          oneHost.size(),
          teams.size(),
          TEAM_SIZE,
          MINIMUM_NOTICE,
          "P" + HORIZON_DAYS + "D",
          oneHostSlots,
          teamSlots,
          TEAM_SIZE,
          listed.size(),
          limited == 0 ? "" : "; the node's rate limits answered " + limited + " set-up lists");
    }
  }

  private final HttpLoad http;
  private final AtomicLong limited = new AtomicLong();

  private BookingPagesSetUp(HttpLoad http) {
    this.http = http;
  }

  static Result run(HttpLoad http) throws Exception {
    return new BookingPagesSetUp(http).run();
  }

  private Result run() throws Exception {
    Options options = http.options();
    var signUps =
        http.signUp(options.users(), options.signUpConcurrency(), "pages", "Bench Host", "UTC");
    if (signUps.accounts().isEmpty()) {
      throw new IllegalStateException("set-up: no sign-up succeeded " + signUps.failures());
    }
    List<Account> hosts = signUps.accounts();
    long start = System.nanoTime();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            options.signUpConcurrency(), Bench.daemonThreads("bench-setup"));
    List<Page> oneHost = new ArrayList<>();
    List<Page> teams = new ArrayList<>();
    long singles = 0;
    try {
      List<Future<Long>> weeks = new ArrayList<>();
      for (int i = 0; i < hosts.size(); i++) {
        Account host = hosts.get(i);
        ZoneId zone = zoneOf(i);
        oneHost.add(new Page(host.id(), "intro", 1, zone));
        weeks.add(pool.submit(() -> fill(host, zone)));
      }
      for (Future<Long> week : weeks) {
        singles += result(week);
      }
      List<Future<Page>> created = new ArrayList<>();
      for (List<Integer> members : teams(hosts.size())) {
        created.add(
            pool.submit(() -> team(members.stream().map(hosts::get).toList(), zoneOf(members))));
      }
      for (Future<Page> page : created) {
        teams.add(result(page));
      }
    } finally {
      pool.shutdownNow();
    }

    Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS);
    List<Listed> listed = new ArrayList<>();
    long oneHostSlots = 0;
    for (Page page : oneHost) {
      List<Instant> first = list(page, from, from.plus(LIST_WINDOW));
      oneHostSlots += first.size();
      // The horizon's second part too: more starts to book than a fast node could take.
      List<Instant> second =
          list(page, from.plus(LIST_WINDOW), from.plus(Duration.ofDays(HORIZON_DAYS)));
      Instant earliest = Instant.now().plus(MINIMUM_NOTICE).plus(NOTICE_MARGIN);
      for (List<Instant> starts : List.of(first, second)) {
        starts.stream()
            .filter(s -> s.isAfter(earliest))
            .forEach(s -> listed.add(new Listed(page, s)));
      }
    }
    long teamSlots = 0;
    for (Page page : teams) {
      teamSlots += list(page, from, from.plus(LIST_WINDOW)).size();
    }
    Collections.shuffle(listed, ThreadLocalRandom.current());
    return new Result(
        signUps,
        List.copyOf(oneHost),
        List.copyOf(teams),
        singles,
        (System.nanoTime() - start) / 1e9,
        oneHost.isEmpty() ? Double.NaN : (double) oneHostSlots / oneHost.size(),
        teams.isEmpty() ? Double.NaN : (double) teamSlots / teams.size(),
        List.copyOf(listed),
        limited.get());
  }

  /** Host {@code i}'s zone. */
  static ZoneId zoneOf(int i) {
    return ZONES.get(i % ZONES.size());
  }

  private static ZoneId zoneOf(List<Integer> team) {
    return zoneOf(team.get(0));
  }

  /**
   * The hosts of each collective type, as host indices: hosts of one zone, {@link #TEAM_SIZE} at a
   * time, each in one team at most. Mixed zones would leave the three only an hour or two a day in
   * common (Berlin and New York) or none (New York and Kolkata): lists that short measure little.
   */
  static List<List<Integer>> teams(int hosts) {
    Map<ZoneId, List<Integer>> byZone = new LinkedHashMap<>();
    for (int i = 0; i < hosts; i++) {
      byZone.computeIfAbsent(zoneOf(i), z -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> teams = new ArrayList<>();
    for (List<Integer> zone : byZone.values()) {
      for (int i = 0; i + TEAM_SIZE <= zone.size(); i += TEAM_SIZE) {
        teams.add(List.copyOf(zone.subList(i, i + TEAM_SIZE)));
      }
    }
    return teams;
  }

  /** One host's working hours, weekly series, single meetings and one-host type; the singles. */
  private long fill(Account host, ZoneId zone) throws Exception {
    var random = new Random(ThreadLocalRandom.current().nextLong());
    int singles = MIN_SINGLES + random.nextInt(MAX_SINGLES - MIN_SINGLES + 1);
    // The host's own today: in Kolkata or New York it is not always UTC's.
    var week = HostWeek.generate(zone, LocalDate.now(zone), singles, random);
    call(
        "PUT availability-rules",
        http.authorized("/users/" + host.id() + "/availability-rules", host)
            .PUT(body(workingHours(zone))),
        200);
    ObjectNode weekly = meeting("Weekly team meeting", week.weekly(), zone);
    weekly.put("recurrenceRule", HostWeek.WEEKLY_RULE);
    call("POST /events (weekly)", http.authorized("/events", host).POST(body(weekly)), 201);
    for (HostWeek.Meeting m : week.singles()) {
      call(
          "POST /events",
          http.authorized("/events", host).POST(body(meeting("Meeting", m, zone))),
          201);
    }
    call(
        "POST event-types",
        http.authorized("/users/" + host.id() + "/event-types", host)
            .POST(body(eventType("intro", "Intro call", List.of()))),
        201);
    return week.singles().size();
  }

  /** A collective type owned by the team's first host, with the others as hosts. */
  private Page team(List<Account> team, ZoneId zone) throws Exception {
    Account owner = team.get(0);
    call(
        "POST event-types (" + TEAM_SIZE + " hosts)",
        http.authorized("/users/" + owner.id() + "/event-types", owner)
            .POST(
                body(
                    eventType(
                        "team",
                        "Team call",
                        team.subList(1, team.size()).stream().map(Account::id).toList()))),
        201);
    return new Page(owner.id(), "team", team.size(), zone);
  }

  /** The starts {@code page} lists in [from, to), waiting out the node's rate limits. */
  private List<Instant> list(Page page, Instant from, Instant to) throws Exception {
    String path =
        page.path() + "/slots?start=" + from + "&end=" + to + "&timezone=" + page.zone().getId();
    JsonNode answer = call("GET " + path, http.request(path).GET(), 200);
    List<Instant> starts = new ArrayList<>();
    answer.path("slots").forEach(s -> starts.add(Instant.parse(s.path("start").asText())));
    return starts;
  }

  private static ObjectNode workingHours(ZoneId zone) {
    ObjectNode body = HttpLoad.JSON.createObjectNode();
    body.put("timezone", zone.getId());
    ObjectNode weekly = body.putObject("weekly");
    for (var day : HostWeek.WORKING_DAYS) {
      ObjectNode range = weekly.putArray(day.name().substring(0, 3)).addObject();
      range.put("start", HostWeek.DAY_START.toString());
      range.put("end", HostWeek.DAY_END.toString());
    }
    return body;
  }

  private static ObjectNode meeting(String title, HostWeek.Meeting m, ZoneId zone) {
    ObjectNode body = HttpLoad.JSON.createObjectNode();
    body.put("title", title);
    body.put("start", m.start().toString());
    body.put("end", m.end().toString());
    body.put("timezone", zone.getId());
    return body;
  }

  private static ObjectNode eventType(String slug, String title, List<UUID> coHosts) {
    ObjectNode body = HttpLoad.JSON.createObjectNode();
    body.put("slug", slug);
    body.put("title", title);
    body.put("duration", SLOT.toString());
    body.put("slotInterval", SLOT.toString());
    body.put("minimumNotice", MINIMUM_NOTICE.toString());
    body.put("bookingHorizon", "P" + HORIZON_DAYS + "D");
    if (!coHosts.isEmpty()) {
      ArrayNode hosts = body.putArray("hosts");
      coHosts.forEach(id -> hosts.add(id.toString()));
    }
    return body;
  }

  private static HttpRequest.BodyPublisher body(ObjectNode json) {
    return HttpRequest.BodyPublishers.ofString(json.toString());
  }

  /**
   * Sends {@code request} and answers its JSON when the status is {@code expected}; a 429 (the
   * public routes' limits) is waited out as its Retry-After says; anything else fails the set-up.
   */
  private JsonNode call(String what, HttpRequest.Builder request, int expected) throws Exception {
    for (int attempt = 0; ; attempt++) {
      HttpResponse<String> r =
          http.send(request).get(HttpLoad.HTTP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      if (r.statusCode() == expected) {
        return r.body().isEmpty() ? HttpLoad.JSON.nullNode() : HttpLoad.parse(r.body());
      }
      if (r.statusCode() != 429 || attempt >= MAX_RETRIES_WHEN_LIMITED) {
        throw new IllegalStateException(
            "set-up: " + what + " answered " + r.statusCode() + ": " + r.body());
      }
      limited.incrementAndGet();
      long seconds = r.headers().firstValueAsLong("Retry-After").orElse(1);
      Thread.sleep(TimeUnit.SECONDS.toMillis(Math.max(1, seconds))); // set-up, not measured
    }
  }

  /** The future's value; a set-up failure inside it as itself. */
  private static <T> T result(Future<T> future) throws Exception {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
