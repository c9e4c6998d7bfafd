/**
 * {@code GET /api/loops}: where requests wait for a thread (this app has no event loops).
 */
@NullMarked
package dev.threadlab.blocking.loops;

import org.jspecify.annotations.NullMarked;
