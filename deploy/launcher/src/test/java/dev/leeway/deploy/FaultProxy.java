package dev.leeway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
        open.forEach(FaultProxy::closeQuietly);
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

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.DROP) {
                    closeQuietly(client);
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
                closeQuietly(client);
                return;
            }
            Socket server = new Socket(targetHost, targetPort);
            open.add(client);
            open.add(server);
            pump(client, server);
            pump(server, client);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    awaitNotStalled();
                    if (mode == Mode.DROP) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The connection ended (or was dropped): close both sides below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-pump");
        pumping.setDaemon(true);
        pumping.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is wanted; an error here changes nothing.
        }
    }

    @Override
    public void close() {
        closed = true;
        setMode(Mode.PASS);
        open.forEach(FaultProxy::closeQuietly);
        try {
            listener.close();
        } catch (IOException ignored) {
            // The test is over.
        }
    }
}
