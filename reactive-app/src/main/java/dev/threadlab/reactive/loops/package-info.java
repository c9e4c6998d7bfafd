/**
 * {@code GET /api/loops}: inside the event loops, and the pools work is handed to.
 */
@NullMarked
package dev.threadlab.reactive.loops;

import org.jspecify.annotations.NullMarked;
