/**
 * The threadlab dashboard.
 */
@NullMarked
package dev.threadlab.dashboard;

import org.jspecify.annotations.NullMarked;
