/**
 * OpenVPN's {@code verb} and {@code mute} on the node's log output, which is
 * {@code java.util.logging} (the launcher's {@code conf/logging.properties}; {@link System.Logger}
 * writes to it): {@link Verbosity} maps a verb onto the level of the {@code dev.culvert} loggers,
 * {@link RepeatMute} holds back long runs of messages of one category, and {@link LogSettings}
 * applies both to the running process. {@link LogOutput} sends the log to a file ({@code log},
 * {@code log-append}) or the local syslog ({@code syslog}, {@link SyslogLine}), and back.
 *
 * <p>May depend on: dev.culvert.core.io.nativeio
 */
package dev.culvert.core.logging;
