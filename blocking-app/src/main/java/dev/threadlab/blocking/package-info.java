/**
 * The threadlab contract served thread-per-request: Spring MVC on Tomcat, JDBC, blocking
 * file I/O.
 */
@NullMarked
package dev.threadlab.blocking;

import org.jspecify.annotations.NullMarked;
