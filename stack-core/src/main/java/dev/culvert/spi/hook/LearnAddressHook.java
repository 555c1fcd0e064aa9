package dev.culvert.spi.hook;

import java.util.concurrent.CompletionStage;

/**
 * Told when the server routes an address to a client and when it stops: 2.6's
 * {@code learn-address}, so that firewall rules follow clients. {@code operation} is {@code add},
 * {@code update} (the address moved to another client, or to the same client's new session
 * before the old one's routes were dropped) or {@code delete}; {@code address} is 2.6's text
 * ({@code 10.8.0.2}, {@code fd00::1000}, {@code 192.168.20.0/24} for an iroute);
 * {@code commonName} is empty for a delete.
 *
 * <p>As in 2.6, an add or update that answers false (or fails, or says nothing within the time
 * limit) is not routed; the answer to a delete is only logged. Called on a control thread, never
 * on a data-plane worker; an implementation that waits returns a stage it completes later.
 */
public interface LearnAddressHook {
    String name();

    CompletionStage<Boolean> learn(String operation, String address, String commonName);
}
