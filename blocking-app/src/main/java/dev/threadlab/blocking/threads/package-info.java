/**
 * The snapshot of this process's threads.
 */
@NullMarked
package dev.threadlab.blocking.threads;

import org.jspecify.annotations.NullMarked;
