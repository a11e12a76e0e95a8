package dev.calendar.stream.outbound;

import dev.calendar.webhook.UrlPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.http.javadsl.ClientTransport;

/**
 * Connections to a URL a user gave, opened only to addresses the policy allows. A connection
 * resolves the host once, checks every address, and connects to the first: the resolution runs
 * inside the connection's transport, so no second lookup happens between check and connect that a
 * hostile DNS server could answer with an internal address (rebinding). TLS still runs on the host
 * name: SNI, certificate and hostname verification, and the Host header all use the name from the
 * URL.
 */
public final class CheckedConnect {
  private CheckedConnect() {}

  /** Why a URL whose host resolved to some addresses may not be called; empty when it may. */
  @FunctionalInterface
  public interface Policy {
    Optional<String> violation(URI uri, List<InetAddress> addresses);

    /** The service's policy, {@link UrlPolicy#violation}. */
    static Policy urlPolicy(boolean devMode) {
      return (uri, addresses) -> UrlPolicy.violation(uri, addresses, devMode);
    }
  }

  /**
   * Why no connection was opened: the host does not resolve (DNS may come back), or the policy
   * refused the URL ({@code permanent}). The message says which, without a stack trace.
   */
  public static final class Refused extends RuntimeException {
    private final boolean permanent;

    private Refused(String message, boolean permanent) {
      super(message, null, false, false);
      this.permanent = permanent;
    }

    public boolean isPermanent() {
      return permanent;
    }
  }

  /**
   * A transport for {@code uri}'s origin whose every connection goes to an address {@link #address}
   * checked; {@code resolver} runs on {@code blocking}. A refusal fails the connection and is also
   * kept in {@code refusal} until a later connection is allowed, as the client may wrap the
   * exception on its way to the caller.
   */
  public static ClientTransport transport(
      URI uri,
      Policy policy,
      HostResolver resolver,
      Executor blocking,
      AtomicReference<Refused> refusal) {
    return ClientTransport.withCustomResolver(
        (host, port) ->
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    InetSocketAddress address =
                        address(uri, host, (Integer) port, policy, resolver);
                    refusal.set(null);
                    return address;
                  } catch (Refused r) {
                    refusal.set(r);
                    throw r;
                  }
                },
                blocking));
  }

  /**
   * Where to connect for {@code uri} ({@code host}, {@code port}): the first address of one lookup,
   * once every address it gave passed {@code policy}.
   *
   * @throws Refused "host … does not resolve" or "URL refused: …"
   */
  public static InetSocketAddress address(
      URI uri, String host, int port, Policy policy, HostResolver resolver) {
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new Refused("host " + host + " does not resolve", false);
    }
    var violation = policy.violation(uri, addresses);
    if (violation.isPresent()) {
      throw new Refused("URL refused: " + violation.get(), true);
    }
    return new InetSocketAddress(addresses.get(0), port);
  }
}
