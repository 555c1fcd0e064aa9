package dev.culvert.vpn.pool;

/**
 * A line of an {@code ifconfig-pool-persist} file the pool skipped (or whose address a later line
 * took over), and why. OpenVPN 2.6 skips such lines too, some of them without a word; Culvert
 * reports every one so an operator can see that a client lost its remembered address.
 *
 * @param lineNumber 1-based line in the file
 * @param message what was wrong with it
 */
public record PersistWarning(int lineNumber, String message) {
    @Override
    public String toString() {
        return "line " + lineNumber + ": " + message;
    }
}
