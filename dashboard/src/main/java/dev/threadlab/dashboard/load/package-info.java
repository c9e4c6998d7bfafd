/**
 * The load engine: closed and open load on one app, measured from the client's side.
 */
@NullMarked
package dev.threadlab.dashboard.load;

import org.jspecify.annotations.NullMarked;
