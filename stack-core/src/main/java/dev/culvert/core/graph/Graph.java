package dev.culvert.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable wiring of named nodes: each output port of each node leads to exactly one node.
 * Built once with {@link #builder()}, shared by every {@link GraphRunner} that executes it; the
 * counters are shared too, so a reader sees the totals over all workers.
 *
 * <p>The wiring must be acyclic and complete: every port is wired. Both are checked when the
 * graph is built, so a miswired pipeline fails at start-up, not on the first packet.
 */
public final class Graph {
    final String[] names;
    final Node[] nodes;
    final int[][] targets;
    final NodeCounters[] counters;
    private final Map<String, Integer> index;

    private Graph(List<String> names, List<Node> nodes, int[][] targets) {
        this.names = names.toArray(String[]::new);
        this.nodes = nodes.toArray(Node[]::new);
        this.targets = targets;
        this.counters = new NodeCounters[this.nodes.length];
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < this.nodes.length; i++) {
            counters[i] = new NodeCounters(this.names[i], this.nodes[i].ports().toArray(String[]::new));
            byName.put(this.names[i], i);
        }
        this.index = Collections.unmodifiableMap(byName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The index of the named node, for {@link GraphRunner#run(int, dev.culvert.core.packet.PacketBatch)}. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no node named " + name + " in graph; nodes are " + List.of(names));
        }
        return i;
    }

    public Node node(String name) {
        return nodes[indexOf(name)];
    }

    public NodeCounters counters(String name) {
        return counters[indexOf(name)];
    }

    /** Counters of every node, in the order the nodes were added. */
    public List<NodeCounters> counters() {
        return List.of(counters);
    }

    /** How many times the named node threw out of {@link Node#process}. */
    public long failures(String name) {
        return counters[indexOf(name)].failures();
    }

    /** Drops over all nodes. */
    public long dropsTotal() {
        long total = 0;
        for (NodeCounters c : counters) {
            total += c.dropsTotal();
        }
        return total;
    }

    /**
     * Closes every node that holds something outside the graph (a slot subscription), so a
     * stopped stack leaves nothing behind in the registry it shared.
     */
    public void close() {
        for (Node node : nodes) {
            if (node instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.getLogger(Graph.class.getName()).log(System.Logger.Level.WARNING, "closing a graph node failed", e);
                }
            }
        }
    }

    /** Assembles a graph; {@link #build()} checks that it is complete and acyclic. */
    public static final class Builder {
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> wires = new HashMap<>();

        public Builder node(String name, Node node) {
            if (nodes.putIfAbsent(name, node) != null) {
                throw new IllegalArgumentException("node " + name + " added twice");
            }
            return this;
        }

        /** Wires {@code from}'s output {@code port} to the node {@code to}. */
        public Builder wire(String from, String port, String to) {
            Map<String, String> ports = wires.computeIfAbsent(from, k -> new HashMap<>());
            if (ports.putIfAbsent(port, to) != null) {
                throw new IllegalArgumentException("port " + from + "." + port + " wired twice");
            }
            return this;
        }

        /** Wires {@code from}'s only port, {@code next}. */
        public Builder wire(String from, String to) {
            return wire(from, "next", to);
        }

        public Graph build() {
            List<String> names = new ArrayList<>(nodes.keySet());
            List<Node> list = new ArrayList<>(nodes.values());
            int[][] targets = new int[list.size()][];
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String name = names.get(i);
                List<String> ports = list.get(i).ports();
                Map<String, String> wired = wires.getOrDefault(name, Map.of());
                targets[i] = new int[ports.size()];
                for (int p = 0; p < ports.size(); p++) {
                    String to = wired.get(ports.get(p));
                    if (to == null) {
                        problems.add("port " + name + "." + ports.get(p) + " is not wired");
                        continue;
                    }
                    int t = names.indexOf(to);
                    if (t < 0) {
                        problems.add("port " + name + "." + ports.get(p) + " is wired to unknown node " + to);
                    }
                    targets[i][p] = t;
                }
                for (String port : wired.keySet()) {
                    if (!ports.contains(port)) {
                        problems.add("node " + name + " has no port " + port + " (its ports: " + ports + ")");
                    }
                }
            }
            for (String from : wires.keySet()) {
                if (!nodes.containsKey(from)) {
                    problems.add("wire from unknown node " + from);
                }
            }
            if (problems.isEmpty()) {
                findCycle(names, targets, problems);
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("graph is not valid: " + String.join("; ", problems));
            }
            return new Graph(names, list, targets);
        }

        private static void findCycle(List<String> names, int[][] targets, List<String> problems) {
            int[] state = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                if (state[i] == 0 && visit(i, targets, state)) {
                    problems.add("graph has a cycle through " + names.get(i));
                    return;
                }
            }
        }

        private static boolean visit(int node, int[][] targets, int[] state) {
            state[node] = 1;
            for (int t : targets[node]) {
                if (state[t] == 1 || (state[t] == 0 && visit(t, targets, state))) {
                    return true;
                }
            }
            state[node] = 2;
            return false;
        }
    }
}
