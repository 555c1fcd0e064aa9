package dev.culvert.distribution.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule, run over a small class in test sources that breaks it
 * ({@code ...architecture.seeded}), reports it: a rule that passes on everything would show
 * nothing in ArchitectureTest.
 */
class SeededViolationsTest {
    private static final String SEEDED = "dev.culvert.distribution.architecture.seeded";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(location -> ArchitectureTest.MAIN_CODE_ONLY.includes(location) || location.contains("/architecture/seeded/"))
            .importPackages("dev.culvert");
    private static final PackageRules SEEDED_RULES = PackageRules.read(List.of(ArchitectureTest.ROOT.resolve("distribution/src/test/java")));

    private static String report(EvaluationResult result) {
        return String.join("\n", result.getFailureReport().getDetails());
    }

    @Test
    void aClassThatImportsAPackageItsPackageInfoDoesNotListIsReported() {
        EvaluationResult result = ArchitectureRules.followTheirPackageInfo(resideInAPackage(SEEDED + ".dependson"), SEEDED_RULES, Set.of())
                .evaluate(CLASSES);
        String report = report(result);
        assertTrue(result.hasViolation(), "the seeded import of core.graph was not reported");
        assertTrue(report.contains("dev.culvert.core.graph.DropReason"), report);
        assertTrue(report.contains("may depend on: dev.culvert.spi.config"), report);
        assertFalse(report.contains("ConfigException"), "spi.config is listed, so its use is no violation: " + report);
    }

    @Test
    void aPackageWhosePackageInfoHasNoMayDependOnLineIsReported() {
        EvaluationResult result = ArchitectureRules.followTheirPackageInfo(resideInAPackage(SEEDED + ".noline"), SEEDED_RULES, Set.of())
                .evaluate(CLASSES);
        assertTrue(result.hasViolation());
        assertTrue(report(result).contains("package " + SEEDED + ".noline has no package-info.java with a 'May depend on:' line"), report(result));
    }

    @Test
    void aModuleThatImportsAnotherModuleOrAnUnexportedKernelPackageIsReported() {
        EvaluationResult result = ArchitectureRules.noModuleImportsAnother(resideInAPackage(SEEDED + ".modules"),
                Modules.kernelApi(ArchitectureTest.ROOT), Set.of()).evaluate(CLASSES);
        String report = report(result);
        assertTrue(report.contains("distribution imports module-vpn"), report);
        assertTrue(report.contains("distribution imports dev.culvert.core.osgi, which stack-core does not export"), report);
    }

    @Test
    void anImportOnTheAllowedListIsNotReportedAndTheOthersStillAre() {
        String allowed = SEEDED + ".modules.ImportsAModuleAndKernelInternals -> dev.culvert.vpn.wire.Opcode";
        EvaluationResult result = ArchitectureRules.noModuleImportsAnother(resideInAPackage(SEEDED + ".modules"),
                Modules.kernelApi(ArchitectureTest.ROOT), Set.of(allowed)).evaluate(CLASSES);
        String report = report(result);
        assertFalse(report.contains("imports module-vpn"), report);
        assertTrue(report.contains("dev.culvert.core.osgi"), report);
    }

    @Test
    void aCycleBetweenTwoPackagesIsReported() {
        EvaluationResult result = ArchitectureRules.noCycles(SEEDED + ".cycle").evaluate(CLASSES);
        assertTrue(result.hasViolation(), "the seeded a -> b -> a cycle was not reported");
        assertTrue(report(result).contains("CallsA") && report(result).contains("CallsB"), report(result));
    }

    @Test
    void aGraphNodeThatCallsIntoTlsIsReported() {
        EvaluationResult result = ArchitectureRules.dataPlaneDoesNotCallTls(resideInAPackage(SEEDED + ".dataplane")).evaluate(CLASSES);
        assertTrue(result.hasViolation());
        assertTrue(report(result).contains("javax.net.ssl.SSLEngine"), report(result));
    }

    @Test
    void theKernelsExportedApiIsItsApiAndSpiOnly() {
        List<String> api = Modules.kernelApi(ArchitectureTest.ROOT);
        assertTrue(Modules.matches(api, "dev.culvert.spi.config"));
        assertTrue(Modules.matches(api, "dev.culvert.core.graph.arc"));
        assertFalse(Modules.matches(api, "dev.culvert.core.osgi"));
        assertFalse(Modules.matches(api, "dev.culvert.core.io.transport"));
        assertFalse(Modules.matches(api, "dev.culvert.core.io.nativeio"));
        assertEquals(api.size(), Set.copyOf(api).size(), "no package listed twice");
    }
}
