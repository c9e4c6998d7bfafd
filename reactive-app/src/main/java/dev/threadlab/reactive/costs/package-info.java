/**
 * What this process has spent: CPU, context switches, thread stacks and memory.
 */
@NullMarked
package dev.threadlab.reactive.costs;

import org.jspecify.annotations.NullMarked;
