package dev.culvert.distribution.architecture.seeded.modules;

import dev.culvert.core.osgi.KernelComponent;
import dev.culvert.vpn.wire.Opcode;

/** Names a class of module-vpn and one of stack-core's unexported OSGi glue. */
public final class ImportsAModuleAndKernelInternals {
    private ImportsAModuleAndKernelInternals() {
    }

    public static String names() {
        return Opcode.class.getName() + " " + KernelComponent.class.getName();
    }
}
