/**
 * The lab's experiments: mixed work, CPU-bound work, and a blocking sleep.
 */
@NullMarked
package dev.threadlab.reactive.lab;

import org.jspecify.annotations.NullMarked;
