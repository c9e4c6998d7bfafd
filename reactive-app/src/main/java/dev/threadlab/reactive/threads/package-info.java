/**
 * Snapshots of this process's threads.
 */
@NullMarked
package dev.threadlab.reactive.threads;

import org.jspecify.annotations.NullMarked;
