package dev.culvert.launcher;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * One Felix framework running a Culvert distribution directory: {@code bundle/} installed and
 * started at boot, {@code deploy/} watched by FileInstall, the cache in the {@link WorkDirectory}.
 * Used by the launcher and by the distribution's OSGi tests, so both boot the node the same way.
 */
public final class FelixHost implements AutoCloseable {
    /** The location prefix of a bundle used in place, not copied into the cache. */
    public static final String REFERENCE = "reference:";
    /**
     * The files FileInstall takes from deploy/ (whole names): bundles and component
     * configurations. Without a filter it opened every other file there, the README included, as a
     * jar at each one-second poll, and a ZipException was thrown and swallowed every second of a
     * node's life.
     */
    public static final String DEPLOY_FILTER = ".*\\.(jar|cfg|config)";
    /** The Declarative Services runtime, started after the others ({@link #startOrder}). */
    static final String DECLARATIVE_SERVICES = "org.apache.felix.scr";
    /** The kernel's bundle, started before the others. */
    private static final String KERNEL = "dev.culvert.stack-core";

    private final Path home;
    private final Felix felix;

    private FelixHost(Path home, Felix felix) {
        this.home = home;
        this.felix = felix;
    }

    /**
     * Boots the framework for the distribution at {@code home} and starts every bundle.
     * {@code interactiveShell} false leaves Gogo's bundles stopped: nothing would read the shell's input.
     */
    public static FelixHost start(Path home, boolean interactiveShell) throws BundleException, IOException {
        Path bundles = home.resolve("bundle");
        if (!Files.isDirectory(bundles)) {
            throw new IOException(bundles + " does not exist: point --home (or culvert.home) at an unpacked Culvert distribution");
        }
        Path work = WorkDirectory.of(home);
        ReusableBundleCache cache = ReusableBundleCache.of(home, work);
        if (cache.reusable()) {
            try {
                return boot(home, work, interactiveShell, false);
            } catch (BundleException | IOException | RuntimeException damaged) {
                // A cache left half-written (a crash, a full disk) is made again from scratch, below.
            }
        }
        cache.forget();
        FelixHost host = boot(home, work, interactiveShell, true);
        cache.vouch();
        return host;
    }

    private static FelixHost boot(Path home, Path work, boolean interactiveShell, boolean emptyCache) throws BundleException, IOException {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("felix-cache").toString());
        if (emptyCache) {
            config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        }
        // Declarative Services keeps the components it parsed in the cache, for the next start.
        config.put("ds.cache.metadata", "true");
        // The resolver on the starting thread: its pool of one thread per core only handed work
        // back and forth on a small machine, and stayed as two idle threads for a minute.
        config.put("felix.resolver.parallelism", "1");
        config.put("felix.log.level", "1");
        config.put("felix.log.logger", new FrameworkLog());
        // One per node when several run from one install, as the work directory is.
        config.put("felix.fileinstall.dir", Files.createDirectories(WorkDirectory.chosen("culvert.deploy", "CULVERT_DEPLOY",
                home.resolve("deploy"))).toString());
        // FileInstall's scratch directory, which it otherwise makes in /tmp for each start and
        // deletes only on an orderly exit: a node that was killed left one behind every time.
        config.put("felix.fileinstall.tmpdir", Files.createDirectories(work.resolve("fileinstall")).toString());
        config.put("felix.fileinstall.filter", DEPLOY_FILTER);
        // FileInstall reads deploy/'s .config and .cfg files and never writes them. Its default writes
        // a configuration back to its file whenever Configuration Admin's copy changes: with two
        // nodes on one install sharing deploy/, that emptied an operator's one-line ranking file and
        // both nodes dropped the ranking (BENCHMARKS.md, 2026-12-07).
        config.put("felix.fileinstall.enableConfigSave", "false");
        config.put("felix.fileinstall.noInitialDelay", "true");
        config.put("felix.fileinstall.poll", "1000");
        config.put("felix.fileinstall.log.level", "2");
        config.put("gosh.args", ShellConsole.GOSH_ARGS);
        Felix felix = new Felix(config);
        try {
            felix.init();
            BundleContext context = felix.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(home.resolve("bundle"), "*.jar")) {
                List<Path> sorted = new ArrayList<>();
                jars.forEach(sorted::add);
                sorted.sort(null);
                for (Path jar : sorted) {
                    // reference: Felix reads the jar where it lies instead of copying it into the
                    // cache (27 MB, a third of a second of every start). A bundle the reused cache
                    // holds already is returned as it is.
                    installed.add(context.installBundle(REFERENCE + jar.toUri()));
                }
            }
            felix.start();
            // One resolution of every bundle, rather than one per bundle started: Felix's resolver
            // checks the whole wiring's consistency each time, which was half a second of the boot.
            felix.adapt(org.osgi.framework.wiring.FrameworkWiring.class).resolveBundles(installed);
            installed.sort(java.util.Comparator.comparingInt(FelixHost::startOrder));
            for (Bundle b : installed) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && (interactiveShell || !isShell(b))) {
                    // Transient: the cache does not remember them as started, so that a reused
                    // cache's framework leaves the order of their start to this loop.
                    b.start(Bundle.START_TRANSIENT);
                }
            }
        } catch (BundleException | IOException | RuntimeException e) {
            felix.stop();
            try {
                felix.waitForStop(30_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
        return new FelixHost(home, felix);
    }

    /**
     * The kernel first: its activator binds native code on a thread of its own, which then overlaps
     * the start of the other bundles instead of the node's start-up. Declarative Services last:
     * the modules' components are made once every library bundle has started, so a library's own
     * activator has set it up (snappy-java loads its native code from the framework cache, where
     * it was unpacked once; made before that, it unpacks and compares it again on every start).
     */
    private static int startOrder(Bundle b) {
        String name = b.getSymbolicName();
        return KERNEL.equals(name) ? 0 : DECLARATIVE_SERVICES.equals(name) ? 2 : 1;
    }

    /** Gogo's bundles: without a terminal no one types into the shell, so a node started so leaves them resolved, not started. */
    private static boolean isShell(Bundle b) {
        String name = b.getSymbolicName();
        return name != null && name.startsWith("org.apache.felix.gogo.");
    }

    public Path home() {
        return home;
    }

    public BundleContext context() {
        return felix.getBundleContext();
    }

    /** Every installed bundle but the framework itself. */
    public List<Bundle> bundles() {
        List<Bundle> list = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            if (b.getBundleId() != 0) {
                list.add(b);
            }
        }
        return list;
    }

    /**
     * The service registered under {@code className}, waiting up to {@code timeoutMillis} for it
     * (Declarative Services activates components asynchronously).
     */
    public Object service(String className, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            // getAll: the caller may see another copy of the class on its own class path (tests
            // do), and the framework would hide the service from it as incompatible.
            ServiceReference<?>[] refs;
            try {
                refs = context().getAllServiceReferences(className, null);
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            ServiceReference<?> ref = refs == null || refs.length == 0 ? null : refs[0];
            if (ref != null) {
                Object service = context().getService(ref);
                if (service != null) {
                    return service;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service " + className + " did not appear within " + timeoutMillis
                        + " ms; bundle states: " + describeBundles());
            }
            Thread.sleep(20);
        }
    }

    /** The service registered under {@code className} if there is one now (a module may not be installed), else null. */
    public Object optionalService(String className) {
        try {
            ServiceReference<?>[] refs = context().getAllServiceReferences(className, null);
            return refs == null || refs.length == 0 ? null : context().getService(refs[0]);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls a public method of a service from a bundle, whose classes this host does not share. */
    public static Object call(Object service, String method, Object... args) throws Exception {
        for (Method m : service.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(service, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception cause) {
                        throw cause;
                    }
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(service.getClass().getName() + "." + method + " with " + args.length + " arguments");
    }

    /** {@code name=STATE} for every bundle, for error messages. */
    public String describeBundles() {
        StringBuilder out = new StringBuilder();
        for (Bundle b : bundles()) {
            out.append(b.getSymbolicName()).append('=').append(stateName(b.getState())).append(' ');
        }
        return out.toString().trim();
    }

    public static String stateName(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "UNINSTALLED";
        };
    }

    /** Blocks until the framework stops (from the shell's {@code stop 0} or a signal). */
    public int waitForStop() throws InterruptedException {
        FrameworkEvent event = felix.waitForStop(0);
        return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        felix.stop();
        felix.waitForStop(30_000);
    }
}
