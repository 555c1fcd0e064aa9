package dev.culvert.example.userauth;

import dev.culvert.spi.hook.AuthRequest;
import dev.culvert.spi.hook.AuthVerdict;
import dev.culvert.spi.hook.ClientAuthenticator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Accepts a client whose username is in the users file with a hash its password matches. The
 * file is named by the {@code file} property of the configuration {@code dev.culvert.example.userauth}
 * (e.g. {@code deploy/dev.culvert.example.userauth.cfg} holding {@code file = /etc/culvert/users});
 * the component starts only with it, so the jar alone in {@code deploy/} changes nothing. A new
 * configuration re-reads the file (Declarative Services makes a new component).
 *
 * <p>A hash takes tens of milliseconds on purpose, so the check runs on this module's own thread
 * and the server's control thread only gets the stage; requests wait their turn in order, at most
 * {@value #QUEUE} of them, and more are refused.
 */
@Component(service = ClientAuthenticator.class, configurationPid = UserListAuthenticator.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {"service.ranking:Integer=100", "culvert.name=user-list"})
public final class UserListAuthenticator implements ClientAuthenticator {
    static final String PID = "dev.culvert.example.userauth";
    private static final System.Logger LOG = System.getLogger(UserListAuthenticator.class.getName());

    private final UserList users;
    /** Checks waiting for the thread, at most: a flood of connection attempts is refused, not queued without end. */
    static final int QUEUE = 64;
    private final ExecutorService checks = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
        Thread t = new Thread(r, "user-list-auth");
        t.setDaemon(true);
        return t;
    });

    /** Reads the file the configuration names; a file that cannot be used keeps the component from starting, with the reason logged. */
    @Activate
    public UserListAuthenticator(Map<String, Object> properties) throws IOException {
        Object file = properties.get("file");
        if (!(file instanceof String path) || path.isBlank()) {
            throw new IOException("configuration " + PID + " has no 'file'; fix: add 'file = /path/to/users' to its .cfg");
        }
        try {
            this.users = UserList.load(Path.of(path));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "user-list: " + e.getMessage());
            checks.shutdown();
            throw e;
        }
        LOG.log(System.Logger.Level.INFO, "user-list: " + users.size() + " user(s) from " + path);
    }

    UserListAuthenticator(UserList users) {
        this.users = users;
    }

    @Override
    public String name() {
        return "user-list";
    }

    @Override
    public CompletionStage<AuthVerdict> authenticate(AuthRequest request) {
        try {
            return CompletableFuture.supplyAsync(() -> users.accepts(request.username(), request.password())
                    ? AuthVerdict.accept("listed in the users file")
                    : AuthVerdict.deny("not listed with that password"), checks);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(AuthVerdict.deny("user-list is busy (" + QUEUE + " checks waiting) or stopping"));
        }
    }

    @Deactivate
    void stop() {
        checks.shutdownNow();
    }
}
