package dev.culvert.testing.netns;

import dev.culvert.core.io.tun.IpTool;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command with a time limit and returns its output; fails with that output. */
final class Shell {
    private Shell() {
    }

    static String run(List<String> command, long timeout, TimeUnit unit) throws IOException {
        return IpTool.runCommand(command, timeout, unit);
    }
}
