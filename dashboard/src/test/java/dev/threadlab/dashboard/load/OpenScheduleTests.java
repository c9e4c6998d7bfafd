package dev.threadlab.dashboard.load;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenSchedule}.
 */
class OpenScheduleTests {

	private final OpenSchedule schedule = new OpenSchedule(100, Duration.ofSeconds(3));

	@Test
	void sendsRateTimesDurationRequests() {
		assertThat(this.schedule.total()).isEqualTo(300);
		assertThat(new OpenSchedule(7, Duration.ofMillis(500)).total()).isEqualTo(4);
	}

	@Test
	void requestsAreDueEvenlyFromTheStart() {
		assertThat(this.schedule.dueNanos(0)).isZero();
		assertThat(this.schedule.dueNanos(1)).isEqualTo(10_000_000);
		assertThat(this.schedule.dueNanos(150)).isEqualTo(1_500_000_000);
	}

	@Test
	void aLateLookReleasesEveryRequestDueByThen() {
		assertThat(this.schedule.dueBy(-1)).isZero();
		assertThat(this.schedule.dueBy(0)).isEqualTo(1);
		assertThat(this.schedule.dueBy(9_999_999)).isEqualTo(1);
		assertThat(this.schedule.dueBy(10_000_000)).isEqualTo(2);
		// a tick 250 ms late finds 25 more due at once, not one
		assertThat(this.schedule.dueBy(260_000_000)).isEqualTo(27);
		assertThat(this.schedule.dueBy(Duration.ofSeconds(60).toNanos())).isEqualTo(300);
	}

	@Test
	void everyIndexIsDueByItsOwnDueTime() {
		for (long index = 0; index < this.schedule.total(); index++) {
			assertThat(this.schedule.dueBy(this.schedule.dueNanos(index))).isGreaterThan(index);
		}
	}

}
