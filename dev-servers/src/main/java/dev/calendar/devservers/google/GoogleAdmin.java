package dev.calendar.devservers.google;

import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.CommonAdminRoutes;
import dev.calendar.devservers.fakeapi.Routes;

/** Google's own {@code /dev/...} routes: events written as another client would, and channels. */
final class GoogleAdmin {
  private GoogleAdmin() {}

  static void addRoutes(Routes routes, GoogleCalendars calendars, GoogleChannels channels) {
    CommonAdminRoutes.addEvents(
        routes, GoogleErrors.INSTANCE, calendars, calendars::insert, (e, json) -> {});
    routes.add("GET", "/dev/channels", c -> Answer.json(200, channels.toJson()));
  }
}
