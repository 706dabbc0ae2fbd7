package dev.leeway.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;

/**
 * Copies bytes from one socket to another on a thread of its own until either side ends, then closes both: one
 * direction of a TCP proxy ({@link LocalBalancer}; the tests' fault proxy). A {@link Gate} may hold each chunk
 * back, or end the connection, before it is written.
 */
final class SocketPump {

    /** Asked before each chunk is passed on: false ends the connection. */
    @FunctionalInterface
    interface Gate {
        boolean pass() throws InterruptedException;
    }

    private SocketPump() {
    }

    /** Starts copying {@code from} to {@code to}; both are in {@code open} while the copy runs. */
    static void start(Socket from, Socket to, Set<Socket> open, Gate gate, String threadName) {
        open.add(from);
        open.add(to);
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!gate.pass()) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side ended the connection, or it was cut: close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, threadName);
        pumping.setDaemon(true);
        pumping.start();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is wanted; an error here changes nothing.
        }
    }
}
