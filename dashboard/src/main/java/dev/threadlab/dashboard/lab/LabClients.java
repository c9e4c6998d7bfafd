package dev.threadlab.dashboard.lab;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * The dashboard's HTTP clients to the apps.
 *
 * @param poll polls threads and activity, counted by {@link PollCounter}
 * @param race fires races, with a connection pool wide enough for the largest one
 */
public record LabClients(WebClient poll, WebClient race) {
}
