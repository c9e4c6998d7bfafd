/**
 * Request tracing: the filter that times every request, and the log of finished ones.
 */
@NullMarked
package dev.threadlab.blocking.activity;

import org.jspecify.annotations.NullMarked;
