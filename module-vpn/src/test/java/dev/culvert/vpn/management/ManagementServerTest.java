package dev.culvert.vpn.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interface on a real loopback socket: the password, the welcome, line bounds, the log, one client at a time. */
class ManagementServerTest {
    static final ServerTarget TARGET = new ServerTarget() {
        @Override
        public String title() {
            return "OpenVPN 2.6 compatible Culvert test";
        }

        @Override
        public List<String> status(int version) {
            return List.of("OpenVPN CLIENT LIST", "END");
        }

        @Override
        public List<ClientBytes> clientBytes() {
            return List.of();
        }

        @Override
        public String kill(String argument) {
            return "ERROR: common name '" + argument + "' not found";
        }

        @Override
        public String killClient(long clientId, String message) {
            return "ERROR: client-kill command failed";
        }

        @Override
        public LoadStats loadStats() {
            return new LoadStats(0, 0, 0);
        }
    };

    ManagementServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    ManagementServer start(byte[] password) throws IOException {
        server = ManagementServer.start(new ManagementServer.Listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null),
                password, TARGET, 250, 1, null, name -> { });
        return server;
    }

    record Client(Socket socket, BufferedReader in, OutputStream out) implements AutoCloseable {
        static Client to(ManagementServer server) throws IOException {
            Socket s = new Socket();
            s.connect(server.boundAddress(), 5000);
            s.setSoTimeout(5000);
            return new Client(s, new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)), s.getOutputStream());
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String prompt() throws IOException {
            char[] p = new char[ManagementServer.PROMPT.length()];
            int n = 0;
            while (n < p.length) {
                int r = in.read(p, n, p.length - n);
                if (r < 0) {
                    return null;
                }
                n += r;
            }
            return new String(p);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void withoutAPasswordTheWelcomeComesFirstAndCommandsAnswer() throws IOException {
        start(null);
        try (Client c = Client.to(server)) {
            assertEquals(ManagementSession.WELCOME, c.in().readLine());
            c.send("status");
            assertEquals("OpenVPN CLIENT LIST", c.in().readLine());
            assertEquals("END", c.in().readLine());
            c.send("x".repeat(ManagementServer.MAX_LINE + 10));
            assertTrue(c.in().readLine().startsWith("ERROR: command too long"));
            c.send("pid");
            assertTrue(c.in().readLine().startsWith("SUCCESS: pid="), "the reader is in step after a long line");
            c.send("quit");
            assertNull(c.in().readLine(), "quit closes the connection");
        }
    }

    @Test
    void thePasswordComesBeforeAnyCommandAndThreeWrongOnesClose() throws IOException {
        start("s3cret".getBytes(StandardCharsets.UTF_8));
        try (Client c = Client.to(server)) {
            assertEquals(ManagementServer.PROMPT, c.prompt());
            c.send("status");
            assertEquals("ERROR: bad password", c.in().readLine(), "a command is no password");
            assertEquals(ManagementServer.PROMPT, c.prompt());
            c.send("s3cret\r");
            assertEquals("SUCCESS: password is correct", c.in().readLine());
            assertEquals(ManagementSession.WELCOME, c.in().readLine());
        }
        try (Client c = Client.to(server)) {
            for (int i = 0; i < ManagementServer.PASSWORD_TRIES; i++) {
                assertEquals(ManagementServer.PROMPT, c.prompt());
                c.send("guess" + i);
                assertEquals("ERROR: bad password", c.in().readLine());
            }
            assertNull(c.in().readLine(), "closed after three wrong passwords");
        }
    }

    /** A restart (SIGHUP) closes the interface: its client must not go on talking to the stopped node. */
    @Test
    void closingEndsTheConnectedClient() throws IOException {
        start(null);
        try (Client c = Client.to(server)) {
            assertEquals(ManagementSession.WELCOME, c.in().readLine());
            server.close();
            assertNull(c.in().readLine());
        }
    }

    @Test
    void theLogOfTheNodeIsThereForLogAll() throws IOException {
        start(null);
        System.getLogger("dev.culvert.test").log(System.Logger.Level.WARNING, "a line for the management log\nand its second line");
        try (Client c = Client.to(server)) {
            c.in().readLine();
            c.send("log all");
            String line;
            boolean first = false;
            boolean second = false;
            while (!(line = c.in().readLine()).equals("END")) {
                first |= line.matches("\\d+,W,a line for the management log");
                second |= line.matches("\\d+,W,and its second line");
            }
            assertTrue(first && second, "each line of the message, with 2.6's flag");
        }
    }

    @Test
    void aUnixSocketIsServedAndRemovedAtClose(@TempDir Path dir) throws IOException {
        Path socket = dir.resolve("mgmt.sock");
        Files.writeString(socket, "left by an earlier run");
        server = ManagementServer.start(new ManagementServer.Listen(null, socket), null, TARGET, 250, 1, null, name -> { });
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            assertEquals(ManagementSession.WELCOME, in.readLine());
        }
        server.close();
        assertFalse(Files.exists(socket));
    }

    @Test
    void managementHoldWaitsForHoldReleaseAndTellsAClientThatConnectsMeanwhile() throws Exception {
        ManagementServer m = start(null);
        java.util.concurrent.CompletableFuture<Boolean> released = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return m.holdUntilReleased();
            } catch (InterruptedException e) {
                return false;
            }
        });
        try (Client c = Client.to(m)) {
            assertTrue(c.in().readLine().startsWith(">INFO:OpenVPN Management Interface"));
            assertEquals(">HOLD:Waiting for hold release:0", c.in().readLine());
            assertFalse(released.isDone(), "still holding");
            c.send("hold");
            assertEquals("SUCCESS: hold=1", c.in().readLine(), "management-hold sets the flag");
            c.send("hold release");
            assertEquals("SUCCESS: hold release succeeded", c.in().readLine());
            assertTrue(released.get(5, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void aHoldEndsWithoutReleaseWhenTheInterfaceCloses() throws Exception {
        ManagementServer m = start(null);
        java.util.concurrent.CompletableFuture<Boolean> released = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return m.holdUntilReleased();
            } catch (InterruptedException e) {
                return true;
            }
        });
        Thread.sleep(100);
        m.close();
        assertFalse(released.get(5, java.util.concurrent.TimeUnit.SECONDS), "the node is told it stops");
    }
}
