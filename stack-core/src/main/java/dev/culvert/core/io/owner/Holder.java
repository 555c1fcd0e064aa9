package dev.culvert.core.io.owner;

/** A process that holds a socket or a device: its id and its command name ({@code /proc/PID/comm}). */
public record Holder(long pid, String command) {
    @Override
    public String toString() {
        return "pid " + pid + (command.isEmpty() ? "" : " (" + command + ")");
    }

    /** "pid 1 (a), pid 2 (b)", or {@code unseen} when no holder could be found. */
    public static String describe(java.util.List<Holder> holders, String unseen) {
        if (holders.isEmpty()) {
            return unseen;
        }
        StringBuilder out = new StringBuilder();
        for (Holder h : holders) {
            out.append(out.isEmpty() ? "" : ", ").append(h);
        }
        return out.toString();
    }
}
