/**
 * Where the apps are, and the HTTP clients that reach them.
 */
@NullMarked
package dev.threadlab.dashboard.lab;

import org.jspecify.annotations.NullMarked;
