/**
 * The data folder's files, read and written through asynchronous file channels.
 */
@NullMarked
package dev.threadlab.reactive.files;

import org.jspecify.annotations.NullMarked;
