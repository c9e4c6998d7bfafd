/**
 * Every error as application/problem+json.
 */
@NullMarked
package dev.threadlab.reactive.problems;

import org.jspecify.annotations.NullMarked;
