package dev.threadlab.shared.limits;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ParamsTests {

	@Test
	void absentParametersTakeTheirDefaults() {
		assertThat(Params.delay("delayMs", null)).isZero();
		assertThat(Params.limit(null)).isEqualTo(20);
		assertThat(Params.offset(null)).isZero();
		assertThat(Params.iterations(null)).isEqualTo(100_000);
		assertThat(Params.flag("parallel", null)).isFalse();
		assertThat(Params.activityLimit(null)).isEqualTo(Limits.DEFAULT_ACTIVITY_LIMIT);
	}

	@Test
	void boundsAreInclusive() {
		assertThat(Params.delay("delayMs", "30000")).isEqualTo(30_000);
		assertThat(Params.delay("delayMs", "0")).isZero();
		assertThat(Params.limit("1")).isEqualTo(1);
		assertThat(Params.limit("100")).isEqualTo(100);
		assertThat(Params.offset("1000000")).isEqualTo(1_000_000);
		assertThat(Params.iterations("5000000")).isEqualTo(5_000_000);
	}

	@Test
	void tomcatKnobReachesFourThousandThreadsSoTwoThousandSleepersFitOnThreads() {
		assertThat(Params.tomcatMaxThreads("1")).isEqualTo(1);
		assertThat(Params.tomcatMaxThreads("2000")).isEqualTo(2_000);
		assertThat(Params.tomcatMaxThreads("4000")).isEqualTo(4_000);
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.tomcatMaxThreads("4001"))
			.withMessage("max must be an integer from 1 to 4000; got '4001'.");
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.tomcatMaxThreads("0"));
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.tomcatMaxThreads(null));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "\u0661\u0662", "\uFF11\uFF12", "\u0967", "+5", "5 ", "\t5", "-", "--5", "+-5", "5\u0000" })
	void numbersAreAsciiDigitsOnly(String raw) {
		// Long.parseLong reads each of these as a number (or with a sign); the contract
		// does not.
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.delay("delayMs", raw))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.INVALID_PARAMETER));
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.itemId(raw));
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.limit(raw));
	}

	@Test
	void leadingZerosAreStillAsciiDigits() {
		assertThat(Params.delay("delayMs", "0012")).isEqualTo(12);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "-1", "30001", "1.5", "abc", " 1", "0x10", "99999999999999999999" })
	void delayOutsideItsRangeIsAnInvalidParameter(String raw) {
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.delay("dbDelayMs", raw))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ProblemKind.INVALID_PARAMETER);
				assertThat(ex.detail()).startsWith("dbDelayMs must be an integer from 0 to 30000");
			});
	}

	@Test
	void errorTextQuotesInputShortAndWithoutControlCharacters() {
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.limit("a\nb" + "z".repeat(100)))
			.satisfies((ex) -> assertThat(ex.detail()).contains("'a?bzz").endsWith("...'.").doesNotContain("\n"));
	}

	@Test
	void itemNamesCountCharactersNotUtf16Units() {
		assertThat(Params.itemName("🚀".repeat(100))).hasSize(200);
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.itemName("🚀".repeat(101)));
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.itemName(" \t"));
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.itemName(null))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.INVALID_BODY));
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", "..", "", "a/b", "a\\b", "/etc", "a b", "é", "a\u0000b",
			"12345678901234567890123456789012345678901234567890123456789012345" })
	void fileNamesOutsideTheRuleAreRejected(String name) {
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.fileName(name))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ProblemKind.INVALID_FILE_NAME));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a", "...", ".hidden", "sample-1m.bin", "A_b-c.9" })
	void fileNamesInsideTheRuleAreKept(String name) {
		assertThat(Params.fileName(name)).isEqualTo(name);
	}

	@Test
	void flagsAreTrueOrFalseOnly() {
		assertThat(Params.flag("offload", "true")).isTrue();
		assertThat(Params.flag("offload", "false")).isFalse();
		assertThatExceptionOfType(LabException.class).isThrownBy(() -> Params.flag("offload", "TRUE"));
	}

	@Test
	void requestIdsAreShortAndPlain() {
		assertThat(Params.isRequestId("abc-1.2_3")).isTrue();
		assertThat(Params.isRequestId("a b")).isFalse();
		assertThat(Params.isRequestId("x".repeat(65))).isFalse();
		assertThat(Params.isRequestId(null)).isFalse();
	}

	@Test
	void delaySharesAddUpToTheWholeDelay() {
		long total = 16L * 1024 * 1024;
		long sum = 0;
		for (long read = 0; read < total; read += Limits.CHUNK_BYTES) {
			sum += Limits.delayShareNanos(1000, Math.min(Limits.CHUNK_BYTES, total - read), total);
		}
		assertThat(sum).isBetween(999_000_000L, 1_001_000_000L);
		assertThat(Limits.delayShareNanos(250, 10, 0)).isEqualTo(250_000_000L);
	}

}
