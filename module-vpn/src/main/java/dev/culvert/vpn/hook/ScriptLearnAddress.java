package dev.culvert.vpn.hook;

import dev.culvert.spi.hook.LearnAddressHook;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code learn-address SCRIPT}, as 2.6 runs it: {@code SCRIPT add|update|delete ADDRESS [CN]},
 * true when it exits 0.
 */
public final class ScriptLearnAddress implements LearnAddressHook {
    private final ScriptCommand command;
    private final Scripts scripts;

    public ScriptLearnAddress(ScriptCommand command, Scripts scripts) {
        this.command = command;
        this.scripts = scripts;
    }

    @Override
    public String name() {
        return "script";
    }

    @Override
    public CompletionStage<Boolean> learn(String operation, String address, String commonName) {
        List<String> argv = new ArrayList<>(command.with(operation, address));
        if (!commonName.isEmpty()) {
            argv.add(ScriptEnvironment.printable(commonName));
        }
        return scripts.runner().run(argv, scripts.environment().learnAddress(), scripts.limit()).thenApply(o -> o.exitedWith(0));
    }

    @Override
    public String toString() {
        return "learn-address " + command.text();
    }
}
