package dev.leeway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy in the test's own process, between the services and a server: it passes bytes both ways, or drops
 * every connection (those open are cut, new ones closed at once), or stalls them (connections are taken and held,
 * bytes go nowhere) until told to pass again. One thread per direction per connection: a test's worth of them.
 */
final class FaultProxy implements AutoCloseable {

    enum Mode { PASS, DROP, STALL }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object modeChanged = new Object();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** A proxy on {@code port} (loopback) to {@code targetHost:targetPort}, passing. */
    static FaultProxy start(int port, String targetHost, int targetPort) {
        try {
            FaultProxy proxy = new FaultProxy(new ServerSocket(port, 200, InetAddress.getLoopbackAddress()),
                    targetHost, targetPort);
            Thread accepting = new Thread(proxy::accept, "fault-proxy-" + port);
            accepting.setDaemon(true);
            accepting.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("the proxy could not listen on " + port, e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts every open connection; new ones are closed as they come, until {@link #pass}. */
    void drop() {
        setMode(Mode.DROP);
        open.forEach(SocketPump::closeQuietly);
    }

    /** Holds every connection, open and new: nothing is sent either way, nothing is closed, until {@link #pass}. */
    void stall() {
        setMode(Mode.STALL);
    }

    void pass() {
        setMode(Mode.PASS);
    }

    private void setMode(Mode next) {
        synchronized (modeChanged) {
            mode = next;
            modeChanged.notifyAll();
        }
    }

    private void awaitNotStalled() throws InterruptedException {
        synchronized (modeChanged) {
            while (mode == Mode.STALL && !closed) {
                modeChanged.wait();
            }
        }
    }

    /** Holds a chunk while stalled; ends the connection once dropped. */
    private boolean passes() throws InterruptedException {
        awaitNotStalled();
        return mode != Mode.DROP;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.DROP) {
                    SocketPump.closeQuietly(client);
                    continue;
                }
                Thread connecting = new Thread(() -> connect(client), "fault-proxy-connect");
                connecting.setDaemon(true);
                connecting.start();
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException("the proxy stopped accepting", e);
                }
            }
        }
    }

    /** A stalled connection waits here before it reaches the server, as if the network held its first packets. */
    private void connect(Socket client) {
        try {
            awaitNotStalled();
            if (mode == Mode.DROP || closed) {
                SocketPump.closeQuietly(client);
                return;
            }
            Socket server = new Socket(targetHost, targetPort);
            SocketPump.start(client, server, open, this::passes, "fault-proxy-pump");
            SocketPump.start(server, client, open, this::passes, "fault-proxy-pump");
        } catch (IOException | InterruptedException e) {
            SocketPump.closeQuietly(client);
        }
    }

    @Override
    public void close() {
        closed = true;
        setMode(Mode.PASS);
        open.forEach(SocketPump::closeQuietly);
        try {
            listener.close();
        } catch (IOException ignored) {
            // The test is over.
        }
    }
}
