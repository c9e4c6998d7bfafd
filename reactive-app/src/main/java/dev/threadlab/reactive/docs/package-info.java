/**
 * The API's OpenAPI document and Swagger UI.
 */
@NullMarked
package dev.threadlab.reactive.docs;

import org.jspecify.annotations.NullMarked;
