package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BookingPagesSetUpTest {
  @Test
  void teamsAreThreeHostsOfOneZoneEachHostInOneTeamAtMost() {
    // 30 hosts: 10 per zone, so 3 teams per zone and one host of each zone left over.
    List<List<Integer>> teams = BookingPagesSetUp.teams(30);

    assertThat(teams).hasSize(9);
    assertThat(teams).allSatisfy(t -> assertThat(t).hasSize(BookingPagesSetUp.TEAM_SIZE));
    assertThat(teams)
        .allSatisfy(
            t ->
                assertThat(t.stream().map(BookingPagesSetUp::zoneOf).distinct().count())
                    .isEqualTo(1));
    assertThat(teams.stream().flatMap(List::stream).distinct().count()).isEqualTo(27);
    assertThat(teams.get(0)).containsExactly(0, 3, 6);
  }

  @Test
  void tooFewHostsInAnyZoneMakeNoTeam() {
    assertThat(BookingPagesSetUp.teams(6)).isEmpty();
    assertThat(BookingPagesSetUp.teams(7)).containsExactly(List.of(0, 3, 6));
  }
}
