/**
 * Configuration in OpenVPN's syntax: one directive a line, {@code #} and {@code ;} comments,
 * double and single quotes, backslash escapes and inline {@code <ca>…</ca>} blocks. The parser only
 * tokenises; modules claim and check the directives they understand through
 * {@link dev.culvert.spi.config.DirectiveHandler}, and {@link dev.culvert.core.config.DirectiveCatalog}
 * knows which module would take a directive no installed module claims.
 *
 * <p>Depends on the JDK and {@code dev.culvert.spi.config}.
 */
package dev.culvert.core.config;
