/**
 * The headless benchmark: each contender started, swept and stopped in turn, then a table
 * and a chart.
 */
@NullMarked
package dev.threadlab.dashboard.bench;

import org.jspecify.annotations.NullMarked;
