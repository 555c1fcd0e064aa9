/**
 * Configuration in OpenVPN's syntax: one directive a line, {@code #} and {@code ;} comments,
 * double and single quotes, backslash escapes and inline {@code <ca>…</ca>} blocks. The parser only
 * tokenises; modules claim the directives they implement or refuse through
 * {@link dev.culvert.spi.config.DirectiveHandler}, and {@link dev.culvert.core.config.DirectiveCatalog}
 * asks them, knowing of its own only OpenVPN 2.6's option names.
 *
 * <p>May depend on: dev.culvert.spi.config
 */
package dev.culvert.core.config;
