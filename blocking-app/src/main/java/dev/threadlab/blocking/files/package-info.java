/**
 * The data folder's files, read and written in chunks by blocking I/O.
 */
@NullMarked
package dev.threadlab.blocking.files;

import org.jspecify.annotations.NullMarked;
