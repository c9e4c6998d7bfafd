/**
 * The dashboard's page.
 */
@NullMarked
package dev.threadlab.dashboard.page;

import org.jspecify.annotations.NullMarked;
