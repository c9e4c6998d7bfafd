/**
 * Who may reach the dashboard and who may change anything through it.
 */
@NullMarked
package dev.threadlab.dashboard.access;

import org.jspecify.annotations.NullMarked;
