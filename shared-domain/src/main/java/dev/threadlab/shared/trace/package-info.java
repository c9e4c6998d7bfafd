/**
 * Cheap request tracing: arrival and completion counters, in-flight counts, the activity
 * ring.
 */
@NullMarked
package dev.threadlab.shared.trace;

import org.jspecify.annotations.NullMarked;
