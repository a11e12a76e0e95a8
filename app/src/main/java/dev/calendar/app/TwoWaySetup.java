package dev.calendar.app;

import com.typesafe.config.Config;
import dev.calendar.stream.sync.TwoWaySettings;
import dev.calendar.stream.sync.google.GoogleCalendarProvider;
import dev.calendar.stream.sync.outlook.OutlookProvider;
import dev.calendar.stream.sync.provider.CalendarProvider;
import dev.calendar.stream.sync.provider.ProviderSettings;
import dev.calendar.stream.sync.provider.TokenVault;
import dev.calendar.webhook.UrlPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The two-way providers a node talks to, from {@code calendar.two-way}: each is on when its client
 * id is set. Outside dev mode a provider's URLs must be https to a host that is not this machine or
 * its network (the same rule as for any address the service calls); the token key is then required.
 */
record TwoWaySetup(List<CalendarProvider> providers, TokenVault vault, TwoWaySettings settings) {

  static TwoWaySetup of(ActorSystem<?> system, Config config, String publicBaseUrl, Clock clock) {
    Config c = config.getConfig("calendar.two-way");
    boolean devMode = config.getBoolean("calendar.dev-mode");
    List<CalendarProvider> providers = new ArrayList<>();
    ProviderSettings google = provider(c.getConfig("google"), c, devMode, "google");
    if (google != null) {
      providers.add(new GoogleCalendarProvider(system, google, clock));
    }
    ProviderSettings outlook = provider(c.getConfig("outlook"), c, devMode, "outlook");
    if (outlook != null) {
      providers.add(new OutlookProvider(system, outlook, clock));
    }
    String key = c.getString("token-key");
    if (!providers.isEmpty() && key.isBlank()) {
      throw new IllegalArgumentException(
          "calendar.two-way.token-key (CALENDAR_TOKEN_KEY) is required when Google or Outlook is"
              + " configured: 32 random bytes, base64");
    }
    TokenVault vault = providers.isEmpty() ? null : TokenVault.ofBase64(key);
    return new TwoWaySetup(providers, vault, TwoWaySettings.of(config, publicBaseUrl));
  }

  /** Config overrides that point {@code provider} (google, outlook) at these endpoints. */
  static void pointAt(
      Map<String, Object> overrides,
      String provider,
      String apiBaseUrl,
      String tokenUrl,
      String clientId,
      String clientSecret) {
    String at = "calendar.two-way." + provider + ".";
    overrides.put(at + "api-base-url", apiBaseUrl);
    overrides.put(at + "token-url", tokenUrl);
    overrides.put(at + "client-id", clientId);
    overrides.put(at + "client-secret", clientSecret);
  }

  boolean enabled() {
    return !providers.isEmpty();
  }

  private static ProviderSettings provider(Config p, Config twoWay, boolean devMode, String name) {
    String clientId = p.getString("client-id");
    if (clientId.isBlank()) {
      return null;
    }
    String api = p.getString("api-base-url");
    String token = p.getString("token-url");
    requireAllowed(api, devMode, name + " api-base-url");
    requireAllowed(token, devMode, name + " token-url");
    return new ProviderSettings(
        api, token, clientId, p.getString("client-secret"), twoWay.getDuration("request-timeout"));
  }

  /** https to a public host; in dev mode also http, and loopback. */
  static void requireAllowed(String url, boolean devMode, String what) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("calendar.two-way." + what + " is not a URL: " + url, e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("calendar.two-way." + what + " has no host: " + url);
    }
    if (devMode) {
      return;
    }
    if (!"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("calendar.two-way." + what + " must be https: " + url);
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
        if (UrlPolicy.isNonPublic(address)) {
          throw new IllegalArgumentException(
              "calendar.two-way."
                  + what
                  + " resolves to a private or loopback address (allowed in dev mode only): "
                  + url);
        }
      }
    } catch (UnknownHostException e) {
      // Not resolvable now (no network at start): every call is made over TLS to this name.
    }
  }
}
