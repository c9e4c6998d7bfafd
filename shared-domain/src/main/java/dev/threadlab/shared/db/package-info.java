/**
 * The databases the apps run on, and the statements they send to each.
 */
@NullMarked
package dev.threadlab.shared.db;

import org.jspecify.annotations.NullMarked;
