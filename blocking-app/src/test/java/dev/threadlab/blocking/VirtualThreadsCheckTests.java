package dev.threadlab.blocking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class VirtualThreadsCheckTests {

	private final VirtualThreadsCheck check = new VirtualThreadsCheck();

	@Test
	void platformThreadsStartOnAnyJava() {
		assertThatNoException()
			.isThrownBy(() -> this.check.postProcessEnvironment(new MockEnvironment(), new SpringApplication()));
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void virtualThreadsRefuseToStartBeforeJava21() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()))
			.withMessageStartingWith("virtual threads need Java 21+");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsStartOnJava21AndLater() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.threads.virtual.enabled", "true");
		assertThatNoException()
			.isThrownBy(() -> this.check.postProcessEnvironment(environment, new SpringApplication()));
	}

}
