package dev.calendar.bench;

import dev.calendar.notification.Channel;
import java.net.URI;
import java.time.Duration;

/**
 * Command-line options shared by the load programs. Durations take {@code 20}, {@code 20s}, {@code
 * 500ms} or {@code 2m}.
 */
public record Options(
    URI url,
    String cassandra,
    Duration warmup,
    Duration duration,
    int concurrency,
    int entities,
    int inFlight,
    int tags,
    int users,
    int signUpConcurrency,
    int calendars,
    int readRatio,
    String kafka,
    int rate,
    Channel channel,
    URI google,
    int changes,
    int burst,
    boolean help) {

  /** {@code --tags} not given: each program picks its own default. */
  static final int PROGRAM_DEFAULT = -1;

  /**
   * What a program runs with when {@code --duration}, {@code --concurrency} or {@code --users} is
   * not given. Most share the common ones; booking-pages sets up realistic weeks per host, so it
   * takes fewer users, and shorter phases keep the whole run near two minutes on 2 cores; two-way
   * connects every user to the local Google in its set-up, and a few users already spread its
   * changes over many connections.
   */
  record Defaults(Duration duration, int concurrency, int users) {
    static final Defaults COMMON = new Defaults(Duration.ofSeconds(20), 32, 300);
    static final Defaults BOOKING_PAGES = new Defaults(Duration.ofSeconds(15), 16, 30);
    static final Defaults TWO_WAY = new Defaults(Duration.ofSeconds(20), 32, 20);

    static Defaults of(String program) {
      return switch (program) {
        case "booking-pages" -> BOOKING_PAGES;
        case "two-way" -> TWO_WAY;
        default -> COMMON;
      };
    }
  }

  public static final String USAGE =
      """
      usage: bin/calendar bench signup|booking|booking-pages|import|journal|notifications|two-way
             [options]
        signup    journal baseline, Argon2 hash rate, then POST /users, POST /sessions and
                  GET /users/{id} against a running node; report in bench/target/signup-report.txt
        booking   journal baseline (untagged and tagged), then signs up --users users and drives
                  POST /events (bookings), GET /users/{id}/availability and a mix of both; then the
                  heap per live calendar entity in the bench JVM; bench/target/booking-report.txt
        booking-pages  journal baseline (tagged as the meetings), then --users hosts with working
                  hours in three zones, 20-60 events and a weekly series each, a one-host event
                  type each and 3-host types; 31-day slot lists of one host, of 3 hosts, and
                  public bookings of listed slots, judged against their targets;
                  bench/target/booking-pages-report.txt. The public routes are rate-limited per
                  client address: start the node as bench/README.md says, else most answers are
                  429s (counted apart, and their phases not judged)
        import    an ICS file of 5,000 events (200 weekly series) imported into one user three
                  times (first, again, a tenth moved), each timed; then 62-day availability reads
                  of a user without imports and of that user, p95 with imports < 2 x without;
                  bench/target/import-report.txt
        journal   only the journal baseline (with --tags N: events-by-tag on)
        notifications  raw Kafka produce/consume baseline, then reminders due at --rate per
                  second for --duration, written into the node's reminder index and sent by its
                  scheduler, Kafka and notifier to its SMTP server; delivered/s and lateness
                  (due -> sent); bench/target/notifications-report.txt
        two-way   journal baseline, then --users users each connected to the local Google
                  (--google); --changes events created there one at a time, each timed until the
                  node's availability shows it busy; then --burst events created at once by
                  --concurrency creators, changes/s until all are busy time, beside the journal
                  rate; bench/target/two-way-report.txt

        --url URL            the node's HTTP address            (default http://127.0.0.1:8080)
        --cassandra H:P      Cassandra for the journal baseline (default 127.0.0.1:9042)
        --warmup D           warm-up before each measured phase (default 5s)
        --duration D         measured time of each phase  (default 20s; booking-pages 15s)
        --concurrency N      concurrent HTTP clients      (default 32; booking-pages 16)
        --entities N         journal baseline entities           (default 1000)
        --in-flight N        journal baseline asks in flight     (default 256)
        --tags N             journal baseline: tag events over N tags, 0 = untagged
                             (default: journal 0; booking and booking-pages 4, as the
                             meetings' tags)
        --users N            booking: users signed up before the load       (default 300);
                             booking-pages: hosts                            (default 30);
                             two-way: users connected to Google              (default 20)
        --signup-concurrency N  booking, booking-pages, two-way: concurrent sign-ups in the
                             set-up (default 8)
        --calendars N        booking: calendar entities per memory set, 0 skips the memory
                             phase (default 2000; fewer for 100 bookings each)
        --read-ratio N       booking: mixed phase with N availability reads per booking,
                             0 skips it (default 10)
        --kafka H:P          notifications: Kafka for the baseline (default 127.0.0.1:9092)
        --rate N             notifications: reminders falling due per second (default 1000)
        --channel C          notifications: email (to the node's SMTP server) or webhook (a
                             reminder.due webhook of each recipient, to a receiver in this
                             program)                              (default email)
        --google URL         two-way: the local Google provider  (default http://127.0.0.1:3081)
        --changes N          two-way: changes timed one at a time, change -> busy (default 200)
        --burst N            two-way: changes created at once for the throughput (default 2000)
        --help               this text
      """;

  public static Options parse(String[] args) {
    return parse(args, Defaults.COMMON);
  }

  /** The options of a program whose own defaults are {@code defaults}. */
  static Options parse(String[] args, Defaults defaults) {
    URI url = URI.create("http://127.0.0.1:8080");
    String cassandra = "127.0.0.1:9042";
    Duration warmup = Duration.ofSeconds(5);
    Duration duration = defaults.duration();
    int concurrency = defaults.concurrency();
    int entities = 1000;
    int inFlight = 256;
    int tags = PROGRAM_DEFAULT;
    int users = defaults.users();
    int signUpConcurrency = 8;
    int calendars = 2000;
    int readRatio = 10;
    String kafka = "127.0.0.1:9092";
    int rate = 1000;
    Channel channel = Channel.EMAIL;
    URI google = URI.create("http://127.0.0.1:3081");
    int changes = 200;
    int burst = 2000;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value (or unknown option)");
      }
      String value = args[++i];
      switch (name) {
        case "--url" -> url = base(value);
        case "--cassandra" -> cassandra = value;
        case "--warmup" -> warmup = duration(name, value);
        case "--duration" -> duration = duration(name, value);
        case "--concurrency" -> concurrency = positive(name, value);
        case "--entities" -> entities = positive(name, value);
        case "--in-flight" -> inFlight = positive(name, value);
        case "--tags" -> tags = Math.max(0, integer(name, value));
        case "--users" -> users = positive(name, value);
        case "--signup-concurrency" -> signUpConcurrency = positive(name, value);
        case "--calendars" -> calendars = Math.max(0, integer(name, value));
        case "--read-ratio" -> readRatio = Math.max(0, integer(name, value));
        case "--kafka" -> kafka = value;
        case "--rate" -> rate = positive(name, value);
        case "--channel" -> channel = channel(name, value);
        case "--google" -> google = base(value);
        case "--changes" -> changes = positive(name, value);
        case "--burst" -> burst = positive(name, value);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    if (duration.isZero() || duration.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("--duration must be more than 0, --warmup not negative");
    }
    if (users < 4) {
      throw new IllegalArgumentException("--users must be at least 4 (an organizer and 3 others)");
    }
    return new Options(
        url,
        cassandra,
        warmup,
        duration,
        concurrency,
        entities,
        inFlight,
        tags,
        users,
        signUpConcurrency,
        calendars,
        readRatio,
        kafka,
        rate,
        channel,
        google,
        changes,
        burst,
        help);
  }

  /** An address without its trailing slash, so paths can be appended. */
  private static URI base(String value) {
    return URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
  }

  /** {@code --tags}, or the program's default when not given. */
  int tagsOr(int programDefault) {
    return tags == PROGRAM_DEFAULT ? programDefault : tags;
  }

  static Duration duration(String name, String value) {
    String v = value.trim().toLowerCase();
    try {
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      if (v.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      if (v.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      }
      return Duration.ofSeconds(Long.parseLong(v));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a duration like 20s, got '" + value + "'");
    }
  }

  private static int integer(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
  }

  private static Channel channel(String name, String value) {
    return switch (value) {
      case "email" -> Channel.EMAIL;
      case "webhook" -> Channel.WEBHOOK;
      default ->
          throw new IllegalArgumentException(
              name + " must be email or webhook, got '" + value + "'");
    };
  }

  private static int positive(String name, String value) {
    int n = integer(name, value);
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, got " + n);
    }
    return n;
  }

  /** The booking program's own options, for its report. */
  String describeBooking() {
    return String.format(
        "--users %d --signup-concurrency %d --calendars %d --read-ratio %d",
        users, signUpConcurrency, calendars, readRatio);
  }

  /** The two-way program's own options, for its report. */
  String describeTwoWay() {
    return String.format(
        "--users %d --signup-concurrency %d --google %s --changes %d --burst %d",
        users, signUpConcurrency, google, changes, burst);
  }

  /** One line for the report. */
  String describe() {
    return describe(0);
  }

  /** One line for the report, with {@code --tags} as the program runs it. */
  String describe(int tagsDefault) {
    return String.format(
        "--url %s --cassandra %s --warmup %s --duration %s --concurrency %d --entities %d"
            + " --in-flight %d --tags %d",
        url,
        cassandra,
        text(warmup),
        text(duration),
        concurrency,
        entities,
        inFlight,
        tagsOr(tagsDefault));
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
