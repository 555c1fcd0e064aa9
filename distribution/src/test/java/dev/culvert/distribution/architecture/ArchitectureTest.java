package dev.culvert.distribution.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.culvert.distribution.ProjectRoot;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The architecture's rules over every module's main classes (the distribution depends on all of
 * them): each package depends only on what its package-info allows, no module imports another,
 * no cycles between packages, and no data-plane class calls into TLS. SeededViolationsTest shows
 * that each rule fails on code that breaks it.
 */
class ArchitectureTest {
    static final Path ROOT = ProjectRoot.path();
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");
    /** Main code: not a test-classes directory nor a test jar (the stack-core test-jar is on this class path). */
    static final ImportOption MAIN_CODE_ONLY = location -> !location.contains("/test-classes/") && !location.matches(TEST_JAR);
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(MAIN_CODE_ONLY).importPackages("dev.culvert");

    @Test
    void everyPackageDependsOnlyOnWhatItsPackageInfoAllows() {
        ArchitectureRules.followTheirPackageInfo(resideInAPackage("dev.culvert.."),
                PackageRules.read(PackageRules.mainSourceRoots(ROOT)), Set.of()).check(MAIN);
    }

    @Test
    void noModuleImportsAnotherOnlyTheKernelsExportedApiAndSpi() {
        ArchitectureRules.noModuleImportsAnother(resideInAPackage("dev.culvert.."), Modules.kernelApi(ROOT), Set.of())
                .check(MAIN);
    }

    @Test
    void noCyclesBetweenPackages() {
        ArchitectureRules.noCycles("dev.culvert").check(MAIN);
    }

    @Test
    void noDataPlaneClassCallsIntoTls() {
        ArchitectureRules.dataPlaneDoesNotCallTls(resideInAPackage("dev.culvert..")).check(MAIN);
    }
}
