package dev.culvert.vpn.push;

import java.util.List;

/** What one client's own configuration (its client-config-dir file) changes in its PUSH_REPLY. */
public interface ClientPushOverrides {
    /** {@code push-reset}: drop the whole global push list for this client (2.6 clears it all). */
    boolean pushReset();

    /** The client's own {@code push} lines, sent after the global ones. */
    List<String> push();

    /** {@code base} with {@code option} pushed after its own lines (a session token, say). */
    static ClientPushOverrides adding(ClientPushOverrides base, String option) {
        List<String> all = new java.util.ArrayList<>(base.push());
        all.add(option);
        List<String> options = List.copyOf(all);
        boolean reset = base.pushReset();
        return new ClientPushOverrides() {
            @Override
            public boolean pushReset() {
                return reset;
            }

            @Override
            public List<String> push() {
                return options;
            }
        };
    }
}
