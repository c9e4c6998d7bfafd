/**
 * Which addresses and names are this machine's own.
 */
@NullMarked
package dev.threadlab.shared.net;

import org.jspecify.annotations.NullMarked;
