/**
 * Polls each app's threads and activity once for every browser, and pushes them over
 * Server-Sent Events.
 */
@NullMarked
package dev.threadlab.dashboard.live;

import org.jspecify.annotations.NullMarked;
