/**
 * Code that breaks each architecture rule on purpose, one package per rule, so that
 * SeededViolationsTest can show each rule reports it. Never part of a bundle.
 *
 * <p>May depend on: none
 */
package dev.culvert.distribution.architecture.seeded;
