/**
 * The config slot: modules claim the configuration directives they understand, each implemented
 * or refused with a reason ({@link dev.culvert.spi.config.DirectiveClaim}), and check the
 * arguments of the ones they implement. {@link dev.culvert.spi.config.Directive} and
 * {@link dev.culvert.spi.config.ConfigException} are what a module sees of a configuration.
 *
 * <p>May depend on: none
 */
package dev.culvert.spi.config;
