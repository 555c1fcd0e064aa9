/**
 * OpenVPN's {@code verb} and {@code mute} on the node's log output, which is
 * {@code java.util.logging} (the launcher's {@code conf/logging.properties}; {@link System.Logger}
 * writes to it): {@link Verbosity} maps a verb onto the level of the {@code dev.culvert} loggers,
 * {@link RepeatMute} holds back long runs of messages of one category, and {@link LogSettings}
 * applies both to the running process.
 *
 * <p>May depend on: none
 */
package dev.culvert.core.logging;
