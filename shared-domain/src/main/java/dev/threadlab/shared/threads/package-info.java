/**
 * Thread snapshots and the classifier that sorts threads into pools by name.
 */
@NullMarked
package dev.threadlab.shared.threads;

import org.jspecify.annotations.NullMarked;
