/**
 * A package whose package-info says what it is for, and not what it may depend on.
 */
package dev.culvert.distribution.architecture.seeded.noline;
