/**
 * What a process spends: CPU and context switches by pool, thread stacks, resident
 * memory; the sampling behind {@code GET /api/costs}.
 */
@NullMarked
package dev.threadlab.shared.costs;

import org.jspecify.annotations.NullMarked;
