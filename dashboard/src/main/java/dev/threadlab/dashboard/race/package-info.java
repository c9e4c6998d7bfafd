/**
 * Races: the same batch of requests sent to every app at once, timed from the client's
 * side.
 */
@NullMarked
package dev.threadlab.dashboard.race;

import org.jspecify.annotations.NullMarked;
