/**
 * The API's OpenAPI document and Swagger UI.
 */
@NullMarked
package dev.threadlab.blocking.docs;

import org.jspecify.annotations.NullMarked;
