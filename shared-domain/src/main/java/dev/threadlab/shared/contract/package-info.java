/**
 * The records of the HTTP contract: what each endpoint answers, field for field.
 */
@NullMarked
package dev.threadlab.shared.contract;

import org.jspecify.annotations.NullMarked;
