/**
 * The data folder: safe names, sample files, atomic uploads, digests.
 */
@NullMarked
package dev.threadlab.shared.files;

import org.jspecify.annotations.NullMarked;
