/**
 * Items in H2, read and written through {@code JdbcClient} on the request's thread.
 */
@NullMarked
package dev.threadlab.blocking.items;

import org.jspecify.annotations.NullMarked;
