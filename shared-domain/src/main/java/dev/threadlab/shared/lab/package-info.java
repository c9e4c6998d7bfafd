/**
 * Running a contender from its jar: finding a JDK for it and starting it as a process,
 * for the tests that need a real server and for the benchmark.
 */
@NullMarked
package dev.threadlab.shared.lab;

import org.jspecify.annotations.NullMarked;
