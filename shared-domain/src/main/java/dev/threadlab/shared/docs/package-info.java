/**
 * The contract as an OpenAPI document: what both apps publish at {@code /v3/api-docs}.
 */
@NullMarked
package dev.threadlab.shared.docs;

import org.jspecify.annotations.NullMarked;
