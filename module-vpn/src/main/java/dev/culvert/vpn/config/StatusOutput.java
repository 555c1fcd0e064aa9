package dev.culvert.vpn.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code status FILE [SECONDS]} file and its {@code status-version}.
 *
 * @param version 1, 2 or 3; 1 unless {@code status-version} says otherwise (2.6's default)
 */
public record StatusOutput(Optional<Path> file, int seconds, int version) {
    public static final int DEFAULT_SECONDS = 60;
    /** 2.6's {@code status_file_version} default (options.c {@code init_options}): format 1. */
    public static final int DEFAULT_VERSION = 1;
}
