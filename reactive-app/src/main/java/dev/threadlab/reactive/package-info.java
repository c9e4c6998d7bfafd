/**
 * The contract served by Spring WebFlux on Reactor Netty's event loops, with R2DBC.
 */
@NullMarked
package dev.threadlab.reactive;

import org.jspecify.annotations.NullMarked;
