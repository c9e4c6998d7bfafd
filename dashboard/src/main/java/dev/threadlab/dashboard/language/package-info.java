/**
 * The page's language: which one a request gets, the switch that changes it, and the
 * bundle the page's scripts read their words from.
 */
@NullMarked
package dev.threadlab.dashboard.language;

import org.jspecify.annotations.NullMarked;
