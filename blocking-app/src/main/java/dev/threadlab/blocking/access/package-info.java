/**
 * Who may change the lab: visitors read, only callers on this machine change anything.
 */
@NullMarked
package dev.threadlab.blocking.access;

import org.jspecify.annotations.NullMarked;
