/**
 * Inside the event loops: the lag probes, the loops' utilisation, and the state of a loop
 * or a pool's thread told from a short stack sample.
 */
@NullMarked
package dev.threadlab.shared.loops;

import org.jspecify.annotations.NullMarked;
