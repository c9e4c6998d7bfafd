/**
 * Turns the apps' lab knobs from the page: the dashboard names an app and a value, never
 * a URL, and relays what the app answers.
 */
@NullMarked
package dev.threadlab.dashboard.knobs;

import org.jspecify.annotations.NullMarked;
