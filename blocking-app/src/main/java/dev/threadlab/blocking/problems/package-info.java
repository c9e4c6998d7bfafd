/**
 * Every error as {@code application/problem+json}.
 */
@NullMarked
package dev.threadlab.blocking.problems;

import org.jspecify.annotations.NullMarked;
