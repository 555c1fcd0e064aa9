package dev.culvert.vpn.auth;

import java.io.Console;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Where a username and password are asked for when the configuration does not give them. */
public interface Terminal {
    /** The answer to {@code prompt}, shown as typed; null at end of input. */
    String ask(String prompt);

    /** The UTF-8 bytes of the answer to {@code prompt}, not shown while typed; null at end of input. */
    byte[] askSecret(String prompt);

    /**
     * The process's terminal, or {@code null} when it has none (a service manager, CI): on JDK 22
     * and later {@link System#console()} exists even then, and only {@code isTerminal()} tells.
     */
    static Terminal system() {
        Console console = System.console();
        if (console == null || !interactive(console)) {
            return null;
        }
        return new Terminal() {
            @Override
            public String ask(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public byte[] askSecret(String prompt) {
                char[] typed = console.readPassword("%s", prompt);
                if (typed == null) {
                    return null;
                }
                var encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(typed));
                byte[] out = new byte[encoded.remaining()];
                encoded.get(out);
                Arrays.fill(typed, '\0');
                Arrays.fill(encoded.array(), (byte) 0);
                return out;
            }
        };
    }

    private static boolean interactive(Console console) {
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only on a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
