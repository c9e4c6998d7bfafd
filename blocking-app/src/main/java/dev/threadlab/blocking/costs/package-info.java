/**
 * What this process has spent: CPU, context switches, thread stacks and memory.
 */
@NullMarked
package dev.threadlab.blocking.costs;

import org.jspecify.annotations.NullMarked;
