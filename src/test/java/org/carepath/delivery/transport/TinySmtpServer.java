package org.carepath.delivery.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Just enough SMTP to test the transport against: a banner, EHLO with or without STARTTLS, a chosen reply to
 * RCPT, DATA. It records every command it was sent and every message it accepted, and counts connections.
 * GreenMail 2.1 has no STARTTLS on its SMTP server, so the TLS tests talk to this.
 */
final class TinySmtpServer implements AutoCloseable {

    private final ServerSocket listener;
    private final SSLContext tls;
    private final String rcptReply;
    final AtomicInteger connections = new AtomicInteger();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    /** Hang up after each accepted message, as servers do that limit messages per connection or idle time. */
    volatile boolean hangUpAfterMessage;

    /** @param tls offer STARTTLS with this context, or null for none; @param rcptReply e.g. "250 OK" */
    TinySmtpServer(SSLContext tls, String rcptReply) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.tls = tls;
        this.rcptReply = rcptReply;
        Thread acceptor = new Thread(this::accept, "tiny-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    SmtpHost host() {
        return new SmtpHost("localhost", listener.getLocalPort());
    }

    boolean sawCommand(String verb) {
        return commands.stream().anyMatch(c -> c.toUpperCase(Locale.ROOT).startsWith(verb));
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.incrementAndGet();
                Thread session = new Thread(() -> serve(socket), "tiny-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        Socket socket = plain;
        try {
            boolean secure = false;
            BufferedReader in = reader(socket);
            OutputStream out = socket.getOutputStream();
            write(out, "220 tiny ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> {
                        if (tls != null && !secure) {
                            write(out, "250-tiny\r\n250-8BITMIME\r\n250 STARTTLS");
                        } else {
                            write(out, "250-tiny\r\n250 8BITMIME");
                        }
                    }
                    case "HELO" -> write(out, "250 tiny");
                    case "STAR" -> {
                        write(out, "220 2.0.0 go ahead");
                        SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory()
                                .createSocket(socket, null, socket.getPort(), true);
                        tlsSocket.setUseClientMode(false);
                        tlsSocket.startHandshake(); // a client that rejects our certificate ends it here
                        socket = tlsSocket;
                        secure = true;
                        in = reader(socket);
                        out = socket.getOutputStream();
                    }
                    case "MAIL", "RSET", "NOOP" -> write(out, "250 2.0.0 OK");
                    case "RCPT" -> write(out, rcptReply.replace("{rcpt}", line.substring(line.indexOf(':') + 1)));
                    case "DATA" -> {
                        write(out, "354 go on");
                        StringBuilder message = new StringBuilder();
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            message.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
                        }
                        messages.add(message.toString());
                        write(out, "250 2.0.0 queued");
                        if (hangUpAfterMessage) {
                            socket.close();
                            return;
                        }
                    }
                    case "QUIT" -> {
                        write(out, "221 bye");
                        socket.close();
                        return;
                    }
                    default -> write(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away or refused our certificate
        } finally {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
