package dev.threadlab.shared.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LabAccess}.
 */
class LabAccessTests {

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "PATCH", "DELETE", "TRACE", "CONNECT", "get", "Get", "PROPFIND", "" })
	void everyMethodButTheReadingOnesIsOnlyForThisMachine(String method) {
		assertThat(LabAccess.onlyFromLoopback(method, "/api/items")).isTrue();
		assertThat(LabAccess.onlyFromLoopback(method, "/api/files/notes.txt")).isTrue();
		assertThat(LabAccess.onlyFromLoopback(method, "/actuator/health")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/items", "/api/items/1", "/api/files", "/api/files/sample-4k.txt",
			"/api/files/sample-4k.txt/content", "/api/threads", "/api/activity", "/api/mixed", "/actuator/health",
			"/actuator/info", "/", "", "/api", "/api/", "/cpu", "/apix/cpu", "/api/cpus", "/api/sleeping",
			"/api/items/cpu", "/api/laboratory" })
	void readsAreOpenToVisitors(String path) {
		assertThat(LabAccess.onlyFromLoopback("GET", path)).isFalse();
		assertThat(LabAccess.onlyFromLoopback("HEAD", path)).isFalse();
		assertThat(LabAccess.onlyFromLoopback("OPTIONS", path)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/cpu", "/api/sleep", "/api/lab", "/api/lab/knobs", "/api/lab/knobs/tomcat-threads",
			"/api/lab/counter",
			// Spellings a router might still serve as the same endpoint.
			"/api/cpu/", "/api//cpu", "//api/cpu", "/api/./cpu", "/api/x/../cpu", "/api/cpu;jsessionid=1",
			"/api;x=1/cpu", "/api/%63pu", "/api/%63%70%75", "/%61pi/sleep", "/api/CPU", "/API/Sleep", "/api%2Fcpu",
			"/api%2fcpu", "/api\\cpu", "/api%5Ccpu", "/api/lab%2Fknobs", "/api/./lab/../lab/knobs" })
	void endpointsThatLoadTheMachineAreOnlyForItWhateverTheSpelling(String path) {
		assertThat(LabAccess.onlyFromLoopback("GET", path)).isTrue();
		assertThat(LabAccess.onlyFromLoopback("HEAD", path)).isTrue();
	}

	@Test
	void malformedEscapesStayAsWritten() {
		assertThat(LabAccess.segments("/api/%zz/%4")).containsExactly("api", "%zz", "%4");
		assertThat(LabAccess.segments("/api/%E2%9C%93")).containsExactly("api", "\u2713");
		assertThat(LabAccess.segments("/../../api/cpu")).containsExactly("api", "cpu");
	}

	@Test
	void readingMethodsAreExactlyGetHeadAndOptions() {
		assertThat(LabAccess.isSafeMethod("GET")).isTrue();
		assertThat(LabAccess.isSafeMethod("HEAD")).isTrue();
		assertThat(LabAccess.isSafeMethod("OPTIONS")).isTrue();
		assertThat(LabAccess.isSafeMethod("get")).isFalse();
		assertThat(LabAccess.isSafeMethod("POST")).isFalse();
	}

}
