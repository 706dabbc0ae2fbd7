package dev.leeway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local platform's stand-in for a load balancer in front of several command-service instances: a TCP proxy
 * on one loopback port that hands each new connection to the next instance in turn, skipping one that refuses the
 * connection (stopped or killed). HTTP keep-alive connections stay with their instance until it closes them; a
 * client whose instance dies sees its connection cut and retries on a new one, which goes to a live instance.
 * One thread per direction per connection: what a developer's machine needs, not a production proxy (in a cluster
 * the Kubernetes Service does this).
 */
final class LocalBalancer implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private final ServerSocket listener;
    private final List<Integer> backends;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LocalBalancer(ServerSocket listener, List<Integer> backends) {
        this.listener = listener;
        this.backends = List.copyOf(backends);
    }

    /** Listens on {@code port} (loopback) and passes connections to the loopback {@code backends} in turn. */
    static LocalBalancer start(int port, List<Integer> backends) {
        try {
            LocalBalancer balancer = new LocalBalancer(new ServerSocket(port, 200, InetAddress.getLoopbackAddress()),
                    backends);
            Thread accepting = new Thread(balancer::accept, "balancer-" + port);
            accepting.setDaemon(true);
            accepting.start();
            return balancer;
        } catch (IOException e) {
            throw new UncheckedIOException("the local balancer could not listen on " + port, e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Thread connecting = new Thread(() -> connect(client), "balancer-connect");
                connecting.setDaemon(true);
                connecting.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException("the local balancer stopped accepting", e);
                }
            }
        }
    }

    /** The next backend that takes the connection, starting after the one the last connection went to. */
    private void connect(Socket client) {
        int first = Math.floorMod(next.getAndIncrement(), backends.size());
        for (int tried = 0; tried < backends.size() && !closed; tried++) {
            int port = backends.get((first + tried) % backends.size());
            Socket backend = new Socket();
            try {
                backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            } catch (IOException refused) {
                SocketPump.closeQuietly(backend);
                continue;
            }
            SocketPump.start(client, backend, open, () -> true, "balancer-pump");
            SocketPump.start(backend, client, open, () -> true, "balancer-pump");
            return;
        }
        SocketPump.closeQuietly(client);
    }

    @Override
    public void close() {
        closed = true;
        open.forEach(SocketPump::closeQuietly);
        try {
            listener.close();
        } catch (IOException ignored) {
            // Stopping anyway.
        }
    }
}
