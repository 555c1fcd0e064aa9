package dev.culvert.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The framework cache is reused only after a successful start of the very same distribution on the same JDK. */
class ReusableBundleCacheTest {
    @TempDir
    Path home;
    Path work;

    @BeforeEach
    void distribution() throws Exception {
        Files.createDirectories(home.resolve("lib"));
        Files.createDirectories(home.resolve("bundle"));
        Files.writeString(home.resolve("lib/org.apache.felix.framework.jar"), "framework");
        Files.writeString(home.resolve("bundle/stack-core.jar"), "kernel");
        Files.writeString(home.resolve("bundle/module-vpn.jar"), "vpn");
        work = Files.createDirectories(home.resolve("work"));
    }

    private ReusableBundleCache cache() throws Exception {
        return ReusableBundleCache.of(home, work);
    }

    @Test
    void aCacheNoStartVouchedForIsEmptiedFirst() throws Exception {
        assertFalse(cache().reusable());
    }

    @Test
    void aCacheLeftByASuccessfulStartOfTheSameDistributionIsReused() throws Exception {
        cache().vouch();
        assertTrue(cache().reusable());
    }

    @Test
    void aStartThatEmptiesTheCacheFirstWithdrawsTheKeySoThatAFailureHalfWayIsNotReused() throws Exception {
        cache().vouch();
        cache().forget();
        assertFalse(cache().reusable());
    }

    @Test
    void aBundleReplacedByOneOfAnotherSizeEmptiesIt() throws Exception {
        cache().vouch();
        Files.writeString(home.resolve("bundle/module-vpn.jar"), "vpn, upgraded");
        assertFalse(cache().reusable());
    }

    @Test
    void aBundleRewrittenWithTheSameSizeButAnotherTimeEmptiesIt() throws Exception {
        cache().vouch();
        Path jar = home.resolve("bundle/module-vpn.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));
        assertFalse(cache().reusable());
    }

    @Test
    void aBundleAddedOrRemovedEmptiesIt() throws Exception {
        cache().vouch();
        Files.writeString(home.resolve("bundle/module-ipv6.jar"), "ipv6");
        assertFalse(cache().reusable());
        cache().vouch();
        Files.delete(home.resolve("bundle/module-ipv6.jar"));
        assertFalse(cache().reusable());
    }

    @Test
    void anUpgradedFrameworkEmptiesIt() throws Exception {
        cache().vouch();
        Files.writeString(home.resolve("lib/org.apache.felix.framework.jar"), "framework 7.0.6");
        assertFalse(cache().reusable());
    }

    @Test
    void anotherJdkEmptiesIt() throws Exception {
        cache().vouch();
        String javaHome = System.getProperty("java.home");
        try {
            System.setProperty("java.home", javaHome + "-other");
            assertFalse(cache().reusable());
        } finally {
            System.setProperty("java.home", javaHome);
        }
    }
}
