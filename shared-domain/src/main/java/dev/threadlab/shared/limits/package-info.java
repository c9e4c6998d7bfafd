/**
 * The parameter limits both apps enforce and the problems they answer with.
 */
@NullMarked
package dev.threadlab.shared.limits;

import org.jspecify.annotations.NullMarked;
