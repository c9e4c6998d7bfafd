/**
 * Request tracing: the filter that begins and ends every trace, and the activity feed.
 */
@NullMarked
package dev.threadlab.reactive.activity;

import org.jspecify.annotations.NullMarked;
