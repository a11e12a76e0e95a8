package dev.calendar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The plumbing every HTTP load program shares: its options and callback executor, a few clients
 * shared by the callers, requests to the node, closed-loop phases against it, the sign-ups of a
 * set-up and samples of unexpected answers for the report. A program is then only options → set-up
 * → phases ({@link #phase}) → analysis → report.
 */
final class HttpLoad {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "bench-password-1";
  static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_SAMPLES = 5;

  /** More callers than this share clients: each client keeps its own connection pool. */
  private static final int MAX_CLIENTS = 4;

  /** A load program's body, run with its plumbing ready. */
  interface Program {
    void run(HttpLoad load) throws Exception;
  }

  /** What a set-up's sign-ups gave: the accounts, how long they took, failures by label. */
  record SignUps(
      List<Account> accounts, double seconds, int workers, SortedMap<String, Long> failures) {
    /** The report's line about it. */
    String text() {
      return String.format(
          "Set-up (not measured): %d users signed up in %.1f s (%.1f/s, %d at a time)%s.",
          accounts.size(),
          seconds,
          accounts.size() / seconds,
          workers,
          failures.isEmpty() ? "" : ", failures " + LoadReport.errorsText(failures));
    }
  }

  private final String program;
  private final Options options;
  private final Executor executor;
  private final List<HttpClient> clients;
  private PlainGets plainGets; // made on first use: see plainGet
  private final AtomicLong requestCount = new AtomicLong();
  // Unique per run, so runs against the same node never collide on an email.
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sampleCount = new AtomicInteger();

  private HttpLoad(String program, Options options, Executor executor) {
    this.program = program;
    this.options = options;
    this.executor = executor;
    this.clients = new ArrayList<>();
    for (int i = 0; i < Math.min(MAX_CLIENTS, options.concurrency()); i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
  }

  /**
   * Runs {@code body} against the node at {@code --url} once it answers ready, with a callback
   * executor of its own that is shut down after.
   */
  static void run(String program, Options options, Program body) throws Exception {
    ExecutorService executor = Bench.callbackExecutor();
    HttpLoad load = null;
    try {
      load = new HttpLoad(program, options, executor);
      load.checkReady();
      body.run(load);
    } finally {
      executor.shutdownNow();
      if (load != null) {
        load.closePlainGets();
      }
    }
  }

  /** Fails with a clear message unless the node answers ready. */
  private void checkReady() throws IOException, InterruptedException {
    URI ready = URI.create(options.url() + "/health/ready");
    try {
      var r =
          clients
              .get(0)
              .send(
                  HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(ready + " answered " + r.statusCode() + ": " + r.body());
      }
    } catch (ConnectException e) {
      throw new IllegalStateException(
          "no node at " + options.url() + " (start bin/calendar dev)", e);
    }
  }

  Options options() {
    return options;
  }

  Executor executor() {
    return executor;
  }

  String runId() {
    return runId;
  }

  /** The node's and its Cassandra's processes, where they run on this machine. */
  UnderTest underTest() {
    return UnderTest.find(options.url(), options.cassandra());
  }

  /** The report's line about the clients. */
  String clientsText() {
    String text =
        String.format(
            "HTTP/1.1, %d java.net.http clients shared by the %d callers",
            clients.size(), options.concurrency());
    synchronized (this) {
      return plainGets == null
          ? text
          : text + String.format(" (GETs: %d plain keep-alive connections)", options.concurrency());
    }
  }

  /**
   * A GET of {@code path} over {@link PlainGets}, one connection per caller, the body of an answer
   * with {@code expected} skipped: for phases whose answers are large.
   */
  CompletableFuture<PlainGets.Answer> plainGet(String path, int expected) {
    return plainGet(path, null, expected);
  }

  /** As {@link #plainGet(String, int)}, as {@code caller} (null: anonymous). */
  CompletableFuture<PlainGets.Answer> plainGet(String path, Account caller, int expected) {
    PlainGets gets;
    synchronized (this) {
      if (plainGets == null) {
        plainGets = new PlainGets(options.url(), options.concurrency());
      }
      gets = plainGets;
    }
    return gets.get(path, caller == null ? null : caller.token(), expected);
  }

  private synchronized void closePlainGets() {
    if (plainGets != null) {
      plainGets.close();
    }
  }

  /** A closed-loop phase of {@code --concurrency} callers against the node. */
  PhaseResult phase(String name, Supplier<CompletionStage<Outcome>> operation)
      throws InterruptedException {
    return ClosedLoop.run(
            name,
            options.concurrency(),
            options.warmup(),
            options.duration(),
            HTTP_TIMEOUT.plusSeconds(5),
            operation,
            executor)
        .loadingNode();
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(options.url() + path))
        .timeout(HTTP_TIMEOUT)
        .header("Content-Type", "application/json");
  }

  HttpRequest.Builder authorized(String path, Account caller) {
    return request(path).header("Authorization", "Bearer " + caller.token());
  }

  CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
    return nextClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * As {@link #send}, but the body of an answer with {@code status} is read and dropped (null):
   * decoding large answers nobody looks at would take CPU from the node on a shared machine. Other
   * answers keep theirs, for the samples.
   */
  CompletableFuture<HttpResponse<String>> sendDroppingBodyOf(
      int status, HttpRequest.Builder request) {
    return nextClient()
        .sendAsync(
            request.build(),
            answer ->
                answer.statusCode() == status
                    ? HttpResponse.BodySubscribers.replacing(null)
                    : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8));
  }

  private HttpClient nextClient() {
    return clients.get((int) (requestCount.getAndIncrement() % clients.size()));
  }

  /**
   * Signs up {@code users} users, {@code concurrency} at a time (set-up, not measured): emails
   * {@code emailPrefix-RUN-n@example.com}, names {@code namePrefix n}.
   */
  SignUps signUp(int users, int concurrency, String emailPrefix, String namePrefix, String timezone)
      throws InterruptedException {
    List<Account> created = Collections.synchronizedList(new ArrayList<>());
    Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(concurrency, users);
    CountDownLatch finished = new CountDownLatch(workers);
    long start = System.nanoTime();
    Runnable[] signUpNext = new Runnable[1];
    signUpNext[0] =
        () -> {
          int n = next.getAndIncrement();
          if (n >= users) {
            finished.countDown();
            return;
          }
          String email = emailPrefix + "-" + runId + "-" + n + "@example.com";
          ObjectNode body = JSON.createObjectNode();
          body.put("email", email);
          body.put("name", namePrefix + " " + n);
          body.put("password", PASSWORD);
          body.put("timezone", timezone);
          send(request("/users").POST(HttpRequest.BodyPublishers.ofString(body.toString())))
              .whenCompleteAsync(
                  (r, error) -> {
                    if (error != null) {
                      failures
                          .computeIfAbsent(Outcome.of(error).label(), l -> new LongAdder())
                          .increment();
                    } else if (r.statusCode() == 201) {
                      JsonNode answer = parse(r.body());
                      created.add(
                          new Account(
                              UUID.fromString(answer.path("id").asText()),
                              email,
                              answer.path("token").asText()));
                    } else {
                      failures
                          .computeIfAbsent(String.valueOf(r.statusCode()), l -> new LongAdder())
                          .increment();
                      sample("POST /users", body.toString(), r);
                    }
                    signUpNext[0].run();
                  },
                  executor);
        };
    for (int w = 0; w < workers; w++) {
      executor.execute(signUpNext[0]);
    }
    if (!finished.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("sign-ups took more than 10 minutes");
    }
    var failureCounts = new TreeMap<String, Long>();
    failures.forEach((label, n) -> failureCounts.put(label, n.sum()));
    return new SignUps(
        List.copyOf(created), (System.nanoTime() - start) / 1e9, workers, failureCounts);
  }

  /** Keeps the first few unexpected answers for the report. */
  void sample(String request, String body, HttpResponse<String> r) {
    sample(request, body, r.statusCode(), r.body());
  }

  void sample(String request, String body, int status, String answer) {
    if (sampleCount.incrementAndGet() <= MAX_SAMPLES) {
      String text = answer == null ? "" : answer;
      samples.add(
          String.format(
              "%s %s -> %d %s",
              request, body, status, text.length() > 500 ? text.substring(0, 500) + "..." : text));
    }
  }

  /** The report's lines about unexpected answers, none when there were none. */
  List<String> samplesText() {
    if (samples.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("Unexpected answers (first " + MAX_SAMPLES + "):");
    samples.forEach(s -> lines.add("  " + s));
    return lines;
  }

  /** Progress on stderr. */
  void step(String what) {
    System.err.println("bench " + program + ": " + what + "...");
  }

  static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }
}
