package dev.threadlab.dashboard.language;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTests {

	@Test
	void aTagNamesALanguageWhateverItsRegion() {
		assertThat(Language.of("ko")).contains(Language.KO);
		assertThat(Language.of("ko-KR")).contains(Language.KO);
		assertThat(Language.of(" en-GB ")).contains(Language.EN);
	}

	@Test
	void aLanguageTheDashboardDoesNotSpeakIsNone() {
		assertThat(Language.of("fr")).isEmpty();
		assertThat(Language.of("")).isEmpty();
		assertThat(Language.of(null)).isEmpty();
		assertThat(Language.of("<script>")).isEmpty();
	}

	@Test
	void theReadersFirstSpokenLanguageWinsAndEnglishIsTheFallback() {
		assertThat(Language.best(List.of(Locale.FRENCH, Locale.KOREA, Locale.US))).isEqualTo(Language.KO);
		assertThat(Language.best(List.of(Locale.US, Locale.KOREA))).isEqualTo(Language.EN);
		assertThat(Language.best(List.of(Locale.JAPANESE, Locale.GERMAN))).isEqualTo(Language.EN);
		assertThat(Language.best(List.of())).isEqualTo(Language.EN);
	}

}
