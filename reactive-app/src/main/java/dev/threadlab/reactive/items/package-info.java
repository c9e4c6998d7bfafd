/**
 * Items in H2, read and written through R2DBC without holding a thread while waiting.
 */
@NullMarked
package dev.threadlab.reactive.items;

import org.jspecify.annotations.NullMarked;
