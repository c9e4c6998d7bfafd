/**
 * The lab's own endpoints (a database read beside a file read, CPU work, a plain sleep)
 * and its settings.
 */
@NullMarked
package dev.threadlab.blocking.lab;

import org.jspecify.annotations.NullMarked;
