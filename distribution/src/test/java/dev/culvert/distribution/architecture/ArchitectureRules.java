package dev.culvert.distribution.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project's architecture rules, each over the classes a predicate selects, so that the same
 * rule runs over the real code ({@code ArchitectureTest}) and over seeded violations
 * ({@code SeededViolationsTest}).
 */
final class ArchitectureRules {
    /**
     * The packages of the data path: packets, the graph and its arcs, the workers and their I/O,
     * links, the L3 check, compression, checksums, the data-channel AEAD, the SPIs the data path
     * calls per packet, the IPv4/IPv6/compression modules, and module-vpn's data channel, wire
     * views and replay window.
     */
    static final String[] DATA_PATH_PACKAGES = {
        "dev.culvert.core.packet..", "dev.culvert.core.graph..", "dev.culvert.core.worker..", "dev.culvert.core.io..",
        "dev.culvert.core.link..", "dev.culvert.core.l3..", "dev.culvert.core.compress..", "dev.culvert.core.checksum..",
        "dev.culvert.core.aead..", "dev.culvert.spi.aead..", "dev.culvert.spi.compress..", "dev.culvert.spi.l3..",
        "dev.culvert.spi.link..", "dev.culvert.spi.transport..", "dev.culvert.spi.tunnel..", "dev.culvert.spi.feature..",
        "dev.culvert.ipv4..", "dev.culvert.ipv6..", "dev.culvert.compress..",
        "dev.culvert.vpn.data..", "dev.culvert.vpn.wire..", "dev.culvert.vpn.replay..",
    };

    /**
     * Data-plane classes: every graph node (a class assignable to the kernel's {@code Node}),
     * every class of a data-path package, and every implementation of the data path's per-packet
     * SPIs (AEAD ciphers, compressors, L3 protocols, routers, links, transports), wherever it lives.
     */
    static final DescribedPredicate<JavaClass> DATA_PLANE = assignableTo("dev.culvert.core.graph.Node")
            .or(resideInAnyPackage(DATA_PATH_PACKAGES))
            .or(assignableTo("dev.culvert.spi.aead.AeadCipher"))
            .or(assignableTo("dev.culvert.spi.compress.Compressor"))
            .or(assignableTo("dev.culvert.spi.l3.L3Protocol"))
            .or(assignableTo("dev.culvert.spi.route.Router"))
            .or(assignableTo("dev.culvert.spi.link.Link"))
            .or(assignableTo("dev.culvert.spi.transport.Transport"))
            .as("data-plane classes (graph nodes, data-path packages, per-packet SPI implementations)");

    /** TLS: the JDK's, the kernel's TLS SPI and helpers, Bouncy Castle's JSSE and TLS, Conscrypt. */
    static final DescribedPredicate<JavaClass> TLS = resideInAnyPackage("javax.net.ssl..", "dev.culvert.spi.tls..",
            "dev.culvert.core.tlscheck..", "org.bouncycastle.jsse..", "org.bouncycastle.tls..", "org.conscrypt..")
            .as("TLS (javax.net.ssl, spi.tls, core.tlscheck, BC JSSE/TLS, Conscrypt)");

    private ArchitectureRules() {
    }

    /** Every class depends only on the dev.culvert packages its package-info's {@code May depend on:} line lists. */
    static ArchRule followTheirPackageInfo(DescribedPredicate<JavaClass> checked, PackageRules rules, Set<String> allowed) {
        return classes().that(checked).should(new ArchCondition<>("depend only on what their package-info's 'May depend on:' line lists") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String pkg = c.getPackageName();
                Optional<PackageRules.Allowed> rule = rules.of(pkg);
                if (rule.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(c, "package " + pkg + " has no package-info.java with a 'May depend on:' line (" + c.getName() + ")"));
                    return;
                }
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    String target = d.getTargetClass().getBaseComponentType().getPackageName();
                    if (target.startsWith("dev.culvert.") && !target.equals(pkg) && !rule.get().permits(target)
                            && !allowed.contains(key(d))) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + " (" + pkg + " may depend on: " + rule.get() + ")"));
                    }
                }
            }
        });
    }

    /**
     * A module imports no other module: only its own classes and stack-core's exported API and SPI
     * ({@code kernelApi}); stack-core imports no module.
     */
    static ArchRule noModuleImportsAnother(DescribedPredicate<JavaClass> checked, List<String> kernelApi, Set<String> allowed) {
        return classes().that(checked).should(new ArchCondition<>("import no other module, only stack-core's exported API and SPI") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                Optional<String> module = Modules.of(c);
                if (module.isEmpty()) {
                    return;
                }
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    Optional<String> targetModule = Modules.of(target);
                    if (targetModule.isEmpty() || targetModule.equals(module) || allowed.contains(key(d))) {
                        continue;
                    }
                    if (!targetModule.get().equals(Modules.KERNEL)) {
                        events.add(SimpleConditionEvent.violated(d, module.get() + " imports " + targetModule.get() + ": " + d.getDescription()));
                    } else if (!Modules.matches(kernelApi, target.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(d, module.get() + " imports " + target.getPackageName()
                                + ", which stack-core does not export: " + d.getDescription()));
                    }
                }
            }
        });
    }

    /** No cycles between the packages under {@code root} (each package its own slice). */
    static ArchRule noCycles(String root) {
        return SlicesRuleDefinition.slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** No data-plane class calls into TLS: handshakes belong to the control side. */
    static ArchRule dataPlaneDoesNotCallTls(DescribedPredicate<JavaClass> checked) {
        return noClasses().that(checked.and(DATA_PLANE)).should().dependOnClassesThat(TLS);
    }

    /** {@code origin -> target}, how an allowed exception is written. */
    static String key(Dependency d) {
        return d.getOriginClass().getName() + " -> " + d.getTargetClass().getBaseComponentType().getName();
    }
}
