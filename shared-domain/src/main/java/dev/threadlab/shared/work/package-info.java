/**
 * CPU-bound work that both apps compute the same way.
 */
@NullMarked
package dev.threadlab.shared.work;

import org.jspecify.annotations.NullMarked;
