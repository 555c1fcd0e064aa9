package dev.culvert.ssl.conscrypt;

/** Run in a child JVM by {@link NativeLoadFailureTest}: prints what the activation gate would log, and what it enabled. */
public final class PrintNativeReason {
    private PrintNativeReason() {
    }

    public static void main(String[] args) {
        String reason = ConscryptNatives.unavailableReason();
        System.out.println("reason: " + reason);
        StringBuilder enabled = new StringBuilder();
        boolean opened = new ConscryptActivation().open(name -> enabled.append(name).append(' '));
        System.out.println("opened: " + opened + " enabled: [" + enabled.toString().trim() + "]");
        try {
            new ConscryptAeadProvider();
            System.out.println("constructed: yes");
        } catch (IllegalStateException e) {
            System.out.println("constructed: no, " + e.getMessage().equals(reason));
        }
    }
}
