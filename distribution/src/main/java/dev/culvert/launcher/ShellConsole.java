package dev.culvert.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * The operator's shell on standard input: reads a line, has Gogo run it, prints the answer, and
 * shows the prompt again; at the end of input it stops the node, as Gogo's own console did.
 *
 * <p>Why not Gogo's console ({@code gosh}): it runs as a command itself, and Gogo's runtime (1.1.6)
 * files every line typed into it as a child job of that command and never lets go of them. Each
 * child keeps its two output streams, 32 KiB of buffers, so a node whose shell is polled (a
 * monitoring script, a test typing {@code culvert:sessions} ten times a second) ran out of heap
 * within a few thousand commands. Lines run from this thread are jobs of their own, which Gogo
 * forgets once done. Gogo's built-in commands ({@code echo}, {@code lb}, {@code stop}, …) stay:
 * the gogo.shell bundle runs its login script without a console ({@link #GOSH_ARGS}).
 *
 * <p>The runtime's classes live in its bundle, so its {@code CommandProcessor} and
 * {@code CommandSession} are called by reflection, as the launcher calls the kernel.
 */
final class ShellConsole implements Runnable {
    /** Framework property for gogo.shell: its login script and built-ins, no console of its own, no framework stop when it ends. */
    static final String GOSH_ARGS = "--nointeractive --noshutdown --quiet";
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final long SERVICE_WAIT_MS = 30_000;

    private final FelixHost host;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final String prompt;

    ShellConsole(FelixHost host, InputStream in, PrintStream out, PrintStream err, String prompt) {
        this.host = host;
        this.in = in;
        this.out = out;
        this.err = err;
        this.prompt = prompt;
    }

    /**
     * Runs the console on a daemon thread of its own. The streams are the process's own, taken
     * before the framework started: Gogo's runtime then puts its per-thread streams in
     * {@code System.out} and {@code System.err}, which lead back to the session while it runs a
     * command.
     */
    static Thread start(FelixHost host, String prompt, InputStream in, PrintStream out, PrintStream err) {
        Thread console = new Thread(new ShellConsole(host, in, out, err, prompt), "culvert-console");
        console.setDaemon(true);
        console.start();
        return console;
    }

    @Override
    public void run() {
        Object session;
        Method execute;
        Method format;
        int inspect;
        try {
            Object processor = host.service(PROCESSOR, SERVICE_WAIT_MS);
            if (processor == null) {
                err.println("culvert: no shell: Gogo's runtime did not start within " + SERVICE_WAIT_MS / 1000 + " s");
                return;
            }
            Method create = processor.getClass().getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class);
            session = create.invoke(processor, in, out, err);
            execute = session.getClass().getMethod("execute", CharSequence.class);
            format = session.getClass().getMethod("format", Object.class, int.class);
            inspect = processor.getClass().getClassLoader().loadClass("org.apache.felix.service.command.Converter")
                    .getField("INSPECT").getInt(null);
        } catch (ReflectiveOperationException e) {
            err.println("culvert: no shell: Gogo's runtime is not the one this launcher knows (" + e + ")");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        readEvalPrint(session, execute, format, inspect);
    }

    private void readEvalPrint(Object session, Method execute, Method format, int inspect) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            while (true) {
                out.print(prompt);
                out.flush();
                String line = lines.readLine();
                if (line == null) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Object result = execute.invoke(session, line);
                    if (result != null) {
                        out.println(format.invoke(session, result, inspect));
                    }
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    err.println("gogo: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                } catch (IllegalAccessException e) {
                    err.println("gogo: " + e);
                }
            }
        } catch (IOException e) {
            err.println("culvert: the shell's input failed: " + e.getMessage());
        }
        out.println();
        out.println("culvert: the shell's input ended; stopping the node");
        try {
            host.close();
        } catch (Exception e) {
            err.println("culvert: stopping the node failed: " + e);
        }
    }
}
