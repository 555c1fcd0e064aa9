package dev.culvert.core.worker;

import dev.culvert.core.graph.Graph;
import dev.culvert.core.graph.GraphRunner;
import dev.culvert.core.graph.WorkerContext;
import dev.culvert.core.io.nativeio.Epoll;
import dev.culvert.core.io.nativeio.EventFd;
import dev.culvert.core.io.nativeio.Linux;
import dev.culvert.core.io.nativeio.NativeIoException;
import dev.culvert.core.io.nativeio.ThreadNice;
import dev.culvert.core.packet.Packet;
import dev.culvert.core.packet.PacketBatch;
import dev.culvert.core.packet.PacketPool;
import dev.culvert.spi.link.Link;
import dev.culvert.spi.transport.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One data-plane thread: its links and transports, one epoll set over their descriptors, a graph
 * runner, and an inbox. A source without a descriptor ({@link Signalled}: an in-memory link or
 * transport) raises a flag and wakes the worker instead of being in the epoll set. Sources are added before {@link #start()}; afterwards the worker's state changes only
 * through tasks it runs itself ({@link #post}), so nothing it owns needs a lock.
 *
 * <p>The loop: wait in epoll (bounded, so {@link #stop()} is seen), read each ready source in
 * batches of up to {@link PacketBatch#DEFAULT_CAPACITY} and run them through the graph, flush the
 * transports, then drain the inbox and the posted tasks. A source is read for at most
 * {@link #ROUNDS_PER_WAKE} batches per wake-up, so a flooded socket cannot starve the TUN queue.
 *
 * <p>A worker has any number of sources: one TUN queue and one socket per listening endpoint
 * (IPv4 and IPv6, UDP and TCP). Each packet's {@link Packet#ingress()} is the number of the
 * source it was read from, counting links and transports together in the order they were added.
 *
 * <p>The worker is the {@link WorkerContext} of its graph runner: its nodes reach its links and
 * transports through {@link dev.culvert.core.graph.Emitter#worker()}.
 *
 * <p>Supervision: a source whose read throws rests for a {@link Backoff} pause that grows while it
 * keeps failing, then is polled again ({@link #sourceErrors()}). A loop that fails (epoll, or an
 * exception nothing below caught) is restarted after such a pause ({@link #loopRestarts()}); after
 * {@link #MAX_RESTARTS_IN_ROW} failures without a good turn between them the worker ends and its
 * {@link WorkerLoss} handler stops the node.
 */
public final class Worker implements WorkerContext {
    private static final System.Logger LOG = System.getLogger(Worker.class.getName());
    /** Batches read from one source before the worker looks at its other sources. */
    public static final int ROUNDS_PER_WAKE = 4;
    private static final int POLL_TIMEOUT_MILLIS = 100;
    private static final long WAKE_TOKEN = -1;
    private static final int TASKS_PER_TURN = 64;
    /** Loop failures in a row (no good turn between them) that are restarted; one more ends the worker. */
    public static final int MAX_RESTARTS_IN_ROW = 5;

    private final int index;
    private final String name;
    private final GraphRunner runner;
    private final PacketPool pool;
    private final PacketInbox inbox;
    private final Epoll epoll;
    private final EventFd wake;
    private final List<Source> sources = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final List<Transport> transports = new ArrayList<>();
    private Transport[] transportArray = new Transport[0];
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PacketBatch batch = new PacketBatch();
    private final PacketBatch inboxBatch = new PacketBatch();
    private int inboxEntry = -1;
    /** Sources whose last read filled every round: they may hold input epoll will not report again. */
    private boolean[] hot = new boolean[0];
    private int hotCount;
    /** Per source: 1 when a signalled source said it has input the worker has not read yet. */
    private AtomicIntegerArray raised = new AtomicIntegerArray(0);
    /** The indexes of the signalled sources, to scan for raised flags. */
    private int[] signalledSources = new int[0];
    private DataPlaneThread thread;
    private volatile boolean running;
    private final LongAdder batches = new LongAdder();
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder sourceErrors = new LongAdder();
    private final LongAdder taskFailures = new LongAdder();
    private final LongAdder inboxPackets = new LongAdder();
    private final LongAdder realtimeRefusals = new LongAdder();
    private final LongAdder realtimeDemotions = new LongAdder();
    private final LongAdder realtimeReturns = new LongAdder();
    /** Made on the worker's thread when it starts; then used there only. */
    private volatile RealtimeWhileLight realtime;
    private final RestartingLoop loop;
    /** Sources resting after a failed read ({@link Source#rest}); polled again when their pause ends. */
    private int restingCount;
    private volatile WorkerLoss onLoss;
    private volatile Throwable lostTo;
    /** Set while the loop may be about to sleep in epoll; producers wake it only then. */
    private volatile boolean idle;

    public Worker(int index, String name, Graph graph, PacketPool pool, int inboxCapacity) throws IOException {
        this.index = index;
        this.name = name;
        this.runner = new GraphRunner(graph, PacketBatch.DEFAULT_CAPACITY, this);
        this.pool = pool;
        this.inbox = new PacketInbox(inboxCapacity);
        this.epoll = new Epoll(64);
        this.wake = new EventFd();
        epoll.add(wake.fd(), Linux.EPOLLIN, WAKE_TOKEN);
        this.loop = new RestartingLoop(name, this::turn, () -> running, this::giveUp);
    }

    @Override
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public PacketPool pool() {
        return pool;
    }

    /**
     * Adds a link whose packets enter the graph at {@code entry}; the link must be {@link Pollable}
     * or {@link Signalled}. Returns its index.
     */
    public int addLink(Link link, String entry) throws IOException {
        addSource(link.name(), link, link::read, entry);
        links.add(link);
        return links.size() - 1;
    }

    /** Adds a transport whose packets enter the graph at {@code entry}; returns its index. */
    public int addTransport(Transport transport, String entry) throws IOException {
        addSource(transport.toString(), transport, transport::receive, entry);
        transports.add(transport);
        transportArray = transports.toArray(Transport[]::new);
        return transports.size() - 1;
    }

    private void addSource(String label, Object source, Source.Reader reader, String entry) throws IOException {
        if (thread != null) {
            throw new IllegalStateException("add sources before the worker starts; afterwards post a task");
        }
        int entryIndex = runner.graph().indexOf(entry);
        int index = sources.size();
        if (source instanceof Pollable pollable) {
            epoll.add(pollable.pollFd(), Linux.EPOLLIN, index);
            sources.add(new Source(label, pollable, reader, entryIndex, index));
        } else if (source instanceof Signalled signalled) {
            sources.add(new Source(label, null, reader, entryIndex, index));
            signalledSources = Arrays.copyOf(signalledSources, signalledSources.length + 1);
            signalledSources[signalledSources.length - 1] = index;
            signalled.onReadable(() -> raise(index));
        } else {
            throw new IllegalArgumentException(label + " has no descriptor to wait on and does not signal its input");
        }
        hot = new boolean[sources.size()];
        raised = new AtomicIntegerArray(sources.size());
    }

    /**
     * A signalled source has input: flag it, and wake the loop if it may be asleep. Pairs with the
     * loop as {@link #handOff} does: a flag raised before the loop set {@code idle} is seen when it
     * picks its timeout, one raised after sees {@code idle} and signals the eventfd.
     */
    private void raise(int source) {
        if (raised.compareAndSet(source, 0, 1) && idle) {
            wake.signal();
        }
    }

    private boolean anyRaised() {
        for (int s : signalledSources) {
            if (raised.get(s) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Where packets handed over by other workers enter the graph. */
    public void setInboxEntry(String entry) {
        this.inboxEntry = runner.graph().indexOf(entry);
    }

    public Link link(int i) {
        return links.get(i);
    }

    public Transport transport(int i) {
        return transportArray[i];
    }

    /** Link number {@code i}, or null if this worker has none by that number. */
    @Override
    public Link linkOrNull(int i) {
        return i >= 0 && i < links.size() ? links.get(i) : null;
    }

    /** Transport number {@code i}, or null if this worker has none by that number. */
    @Override
    public Transport transportOrNull(int i) {
        Transport[] all = transportArray;
        return i >= 0 && i < all.length ? all[i] : null;
    }

    /**
     * Hands a packet to this worker from another one; false if its inbox is full (the caller
     * drops and counts). Wakes the worker if it was idle.
     */
    public boolean handOff(Packet packet) {
        if (inboxEntry < 0 || !inbox.offer(packet)) {
            return false;
        }
        if (idle) {
            wake.signal();
        }
        return true;
    }

    /**
     * Runs {@code task} on this worker between batches; from the control side, to publish a
     * result. The task must be short and must not block.
     */
    public void post(Runnable task) {
        tasks.add(task);
        wake.signal();
    }

    /** Starts the loop on a thread of its own, at the process's priority whichever thread calls ({@link BasePriorityStarts}). */
    public synchronized void start() {
        boolean realtimeWanted = Workers.realtimeWanted();
        BasePriorityStarts.start(newThread(() -> realtime.start(realtimeWanted, System.nanoTime())));
    }

    /**
     * Starts the loop on a thread of its own at {@link IdleThread}'s priority, never in the realtime
     * class: for a rehearsal's worker, which must take only the CPU that the node's own workers and
     * control threads leave over.
     */
    public synchronized void startAtIdlePriority() {
        newThread(() -> {
            ThreadNice.set(IdleThread.NICE);
            realtime.start(false, System.nanoTime());
        }).start();
    }

    private DataPlaneThread newThread(Runnable scheduling) {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        running = true;
        thread = new DataPlaneThread(this, () -> {
            try {
                realtime = new RealtimeWhileLight(name, nativeThreadOrNull(), realtimeRefusals, realtimeDemotions, realtimeReturns);
                scheduling.run();
                loop.run();
            } finally {
                running = false;
            }
        }, name);
        return thread;
    }

    private static RealtimeWhileLight.ThreadControl nativeThreadOrNull() {
        try {
            return RealtimeWhileLight.nativeThread();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Asks the loop to end; it notices within one poll timeout. */
    public void stop() {
        running = false;
        wake.signal();
        DataPlaneThread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Stops and waits up to {@code timeout} for the thread to end; true if it did. */
    public boolean stopAndJoin(long timeout, TimeUnit unit) throws InterruptedException {
        stop();
        DataPlaneThread t = thread;
        if (t == null) {
            return true;
        }
        t.join(unit.toMillis(timeout));
        return !t.isAlive();
    }

    /** Releases what the worker holds (epoll set, eventfd, queued inbox packets); after it stopped. */
    public void close() {
        Packet p;
        while ((p = inbox.poll()) != null) {
            p.release();
        }
        epoll.close();
        wake.close();
    }

    private void giveUp(Throwable cause) {
        lostTo = cause;
        running = false;
        WorkerLoss.tell(onLoss, this, cause);
    }

    /** One wait in epoll and the work it found: sources, resting sources now due, the inbox, posted tasks. */
    private void turn() throws NativeIoException {
        idle = true;
        // Dekker-style with handOff: a packet offered before we set idle is seen here,
        // one offered after sees idle and signals the eventfd.
        int ready = epoll.await(waitMillis());
        idle = false;
        realtime.tick(System.nanoTime());
        for (int e = 0; e < ready; e++) {
            long token = epoll.token(e);
            if (token == WAKE_TOKEN) {
                wake.drain();
            } else {
                readSource((int) token);
            }
        }
        for (int s : signalledSources) {
            // Lowered before the read: input that arrives during it raises the flag again.
            if (raised.getAndSet(s, 0) != 0 && !sources.get(s).resting()) {
                readSource(s);
            }
        }
        if (hotCount > 0) {
            // A transport may have input buffered in user space (TCP frames cut from one
            // read); epoll will not report it again, so read hot sources once more.
            for (int i = 0; i < hot.length; i++) {
                if (hot[i]) {
                    readSource(i);
                }
            }
        }
        if (restingCount > 0) {
            pollRestedSources();
        }
        drainInbox();
        runTasks();
    }

    /** How long epoll may wait: not at all with work pending, else until the next resting source is due. */
    private int waitMillis() {
        if (!inbox.isEmpty() || hotCount != 0 || anyRaised()) {
            return 0;
        }
        if (restingCount == 0) {
            return POLL_TIMEOUT_MILLIS;
        }
        long now = System.nanoTime();
        long soonest = TimeUnit.MILLISECONDS.toNanos(POLL_TIMEOUT_MILLIS);
        for (Source source : sources) {
            if (source.resting()) {
                soonest = Math.min(soonest, source.remainingNanos(now));
            }
        }
        return (int) TimeUnit.NANOSECONDS.toMillis(soonest + 999_999);
    }

    /** Polls again each resting source whose pause is over (back in the epoll set if it has a descriptor). */
    private void pollRestedSources() {
        long now = System.nanoTime();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            if (source.resting() && source.due(now)) {
                try {
                    source.wake(epoll);
                } catch (NativeIoException e) {
                    sourceErrors.increment();
                    source.rest(epoll, name, e);
                    continue;
                }
                readSource(i);
            }
        }
    }

    private void readSource(int index) {
        Source source = sources.get(index);
        setHot(index, false);
        for (int round = 0; round < ROUNDS_PER_WAKE; round++) {
            int n;
            try {
                n = source.reader.read(batch, pool);
            } catch (IOException | RuntimeException e) {
                sourceErrors.increment();
                batch.releaseAll();
                if (source.rest(epoll, name, e)) {
                    restingCount++;
                }
                return;
            }
            if (source.resting()) {
                restingCount--;
                source.recovered(name);
            }
            if (n == 0) {
                return;
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).setIngress(index);
            }
            packetsIn.add(n);
            batches.increment();
            runner.run(source.entry, batch);
            flushTransports();
            if (n < batch.capacity()) {
                return;
            }
        }
        setHot(index, true);
    }

    private void setHot(int index, boolean value) {
        if (hot[index] != value) {
            hot[index] = value;
            hotCount += value ? 1 : -1;
        }
    }

    private void drainInbox() {
        if (inboxEntry < 0) {
            return;
        }
        Packet p;
        while ((p = inbox.poll()) != null) {
            inboxPackets.increment();
            inboxBatch.add(p);
            if (inboxBatch.isFull()) {
                runner.run(inboxEntry, inboxBatch);
                flushTransports();
            }
        }
        if (!inboxBatch.isEmpty()) {
            runner.run(inboxEntry, inboxBatch);
            flushTransports();
        }
    }

    private void runTasks() {
        for (int i = 0; i < TASKS_PER_TURN; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                if (taskFailures.sum() == 0) {
                    LOG.log(System.Logger.Level.ERROR, name + ": a posted task threw (logged once, counted always)", e);
                }
                taskFailures.increment();
            }
        }
        if (!tasks.isEmpty()) {
            wake.signal();
        }
    }

    private void flushTransports() {
        for (Transport t : transportArray) {
            try {
                t.flush();
            } catch (IOException e) {
                sourceErrors.increment();
            }
        }
    }

    public boolean isRunning() {
        return running;
    }

    public long batches() {
        return batches.sum();
    }

    public long packetsIn() {
        return packetsIn.sum();
    }

    public long sourceErrors() {
        return sourceErrors.sum();
    }

    /** Packets other workers handed to this one (it owns their flows). */
    public long inboxPackets() {
        return inboxPackets.sum();
    }

    public long taskFailures() {
        return taskFailures.sum();
    }

    /** Times the loop failed and was restarted (the last failure of a worker that gave up included). */
    public long loopRestarts() {
        return loop.restarts();
    }

    /** Whether the worker runs in the realtime scheduling class now ({@link RealtimeWhileLight}). */
    public boolean realtimeNow() {
        RealtimeWhileLight r = realtime;
        return r != null && r.state() == RealtimeWhileLight.State.REALTIME;
    }

    /** Times the worker asked for the realtime class and was refused (it then runs in the normal class). */
    public long realtimeRefusals() {
        return realtimeRefusals.sum();
    }

    /** Times the worker left the realtime class for being busy. */
    public long realtimeDemotions() {
        return realtimeDemotions.sum();
    }

    /** Times the worker went back to the realtime class after a busy spell. */
    public long realtimeReturns() {
        return realtimeReturns.sum();
    }

    /** Sets what to do if this worker's loop keeps failing; without one, {@link WorkerLoss#processWide()}. */
    public void onLoss(WorkerLoss handler) {
        this.onLoss = handler;
    }

    /** Why the loop ended for good, or null while it runs or after an ordinary stop. */
    public Throwable lostTo() {
        return lostTo;
    }

    /** One line for a status display: whether the loop runs, what it read, and each kind of failure counted. */
    public String describe() {
        Throwable lost = lostTo;
        return name + (lost != null ? " lost (" + lost + ")" : running ? " running" : " stopped")
                + " batches=" + batches() + " packets=" + packetsIn() + " inbox=" + inboxPackets()
                + " source-errors=" + sourceErrors() + " loop-restarts=" + loopRestarts() + " task-failures=" + taskFailures();
    }

    @Override
    public String toString() {
        return "Worker[" + name + "]";
    }
}
