package dev.threadlab.shared.kit;

import java.net.URI;

import dev.threadlab.shared.contract.Contender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test kit needs of a contender it checks over real HTTP: where it runs, which
 * one it is, and a client to it, opened before each test and closed after.
 */
public abstract class RunningContender {

	private LabClient client;

	/**
	 * The running contender's base URL, such as {@code http://127.0.0.1:54321}.
	 * @return the base URL
	 */
	protected abstract URI baseUrl();

	/**
	 * Which contender is under test.
	 * @return the contender
	 */
	protected abstract Contender contender();

	@BeforeEach
	void openClient() {
		this.client = new LabClient(baseUrl());
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	/**
	 * The client the kit sends with, also for subclasses that add their own checks.
	 * @return the client
	 */
	protected LabClient client() {
		return this.client;
	}

}
