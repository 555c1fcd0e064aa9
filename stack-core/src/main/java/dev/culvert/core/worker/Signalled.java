package dev.culvert.core.worker;

/**
 * A source with no descriptor to wait on (an in-memory link or transport, as wireguard-go's test
 * TUN and bind): it says itself when input is waiting. A worker that adds it installs a listener
 * that marks the source ready and wakes the worker if it sleeps; the worker then reads the source
 * as it reads a descriptor epoll reported.
 */
public interface Signalled {
    /**
     * Sets what to call, from the writer's thread, whenever input becomes readable; replaces the
     * call set before. The call must be cheap and must not block: it is made on the writer's
     * data path.
     */
    void onReadable(Runnable listener);
}
