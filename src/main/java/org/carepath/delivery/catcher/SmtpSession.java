package org.carepath.delivery.catcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP dialogue with one client, from the banner to QUIT. The subset a sending MTA needs (RFC 5321:
 * EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; RFC 3207 STARTTLS; RFC 1870 SIZE), with TLS required before
 * any mail is taken: the catcher stands in for a server that gives verified TLS. Logs say what happened to the
 * dialogue, never an address, a subject or content.
 */
final class SmtpSession {

    private static final Logger log = LoggerFactory.getLogger(SmtpSession.class);

    /** RFC 5321 4.5.3.1.4 allows 512 octets for a command line; extensions add parameters, so a bit more. */
    static final int MAX_COMMAND_LINE = 1000;
    /** RFC 5321 4.5.3.1.3: a reverse or forward path is at most 256 octets. */
    static final int MAX_PATH = 256;
    /** RFC 5321 4.5.3.1.8 requires at least 100 recipients per message; more is refused. */
    static final int MAX_RECIPIENTS = 100;
    /** A client that keeps sending nonsense is cut off. */
    static final int MAX_ERRORS = 10;
    static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Socket plain;
    private final SSLContext tls;
    private final CaughtMail caught;
    private final int maxMessageBytes;
    private final Clock clock;

    private Socket socket;
    private SmtpLineReader in;
    private OutputStream out;
    private String tlsProtocol;
    private String cipherSuite;
    private boolean greeted;
    private String from;
    private final List<String> recipients = new ArrayList<>();
    private int errors;

    SmtpSession(Socket socket, SSLContext tls, CaughtMail caught, int maxMessageBytes, Clock clock) {
        this.plain = socket;
        this.socket = socket;
        this.tls = tls;
        this.caught = caught;
        this.maxMessageBytes = maxMessageBytes;
        this.clock = clock;
    }

    void run() {
        try {
            in = new SmtpLineReader(socket.getInputStream());
            out = socket.getOutputStream();
            reply("220 " + CatcherCertificate.HOST_NAME + " ESMTP carepath mail catcher");
            while (dialogue()) {
                // one command per turn
            }
        } catch (SocketTimeoutException e) {
            tryReply("421 4.4.2 idle too long, closing");
        } catch (IOException e) {
            // the client went away, or the TLS handshake failed: nothing to answer
            log.debug("mail catcher session ended: {}", e.getClass().getSimpleName());
        } finally {
            close();
        }
    }

    /** Reads and answers one command; false when the dialogue is over. */
    private boolean dialogue() throws IOException {
        SmtpLineReader.Line line = in.read(MAX_COMMAND_LINE);
        if (line == null) {
            return false;
        }
        boolean goOn = line.tooLong() ? error("500 5.5.6 line too long") : command(line.text());
        if (goOn && errors >= MAX_ERRORS) {
            reply("421 4.7.0 too many errors, closing");
            return false;
        }
        return goOn;
    }

    private boolean command(String command) throws IOException {
        int space = command.indexOf(' ');
        String verb = (space < 0 ? command : command.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : command.substring(space + 1).strip();
        switch (verb) {
            case "EHLO" -> ehlo(argument);
            case "HELO" -> helo(argument);
            case "STARTTLS" -> {
                return startTls(argument);
            }
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> {
                return data();
            }
            case "RSET" -> {
                resetTransaction();
                reply("250 2.0.0 OK");
            }
            case "NOOP" -> reply("250 2.0.0 OK");
            case "QUIT" -> {
                reply("221 2.0.0 bye");
                return false;
            }
            default -> error("500 5.5.2 command not recognized");
        }
        return true;
    }

    private void ehlo(String domain) throws IOException {
        if (domain.isEmpty()) {
            error("501 5.5.4 EHLO needs a domain");
            return;
        }
        resetTransaction();
        greeted = true;
        StringBuilder reply = new StringBuilder("250-").append(CatcherCertificate.HOST_NAME).append("\r\n");
        reply.append("250-SIZE ").append(maxMessageBytes).append("\r\n");
        reply.append("250-8BITMIME\r\n");
        reply.append("250-ENHANCEDSTATUSCODES\r\n");
        if (!secure()) {
            reply.append("250-STARTTLS\r\n");
        }
        reply.append("250 HELP");
        reply(reply.toString());
    }

    private void helo(String domain) throws IOException {
        if (domain.isEmpty()) {
            error("501 5.5.4 HELO needs a domain");
            return;
        }
        resetTransaction();
        greeted = true;
        reply("250 " + CatcherCertificate.HOST_NAME);
    }

    private boolean startTls(String argument) throws IOException {
        if (secure()) {
            return error("503 5.5.1 TLS already active");
        }
        if (!argument.isEmpty()) {
            return error("501 5.5.4 STARTTLS takes no argument");
        }
        // Checked before the 220: a client must wait for it, so anything already here was sent ahead in
        // plaintext and would be taken as if it came over TLS (CVE-2011-0411). After the 220 the client's
        // ClientHello may be here already, which is fine.
        if (in.hasBuffered()) {
            log.debug("mail catcher: client sent data after STARTTLS before the reply; closing");
            reply("554 5.5.0 data sent after STARTTLS, closing");
            return false;
        }
        reply("220 2.0.0 ready to start TLS");
        SSLSocket secured = (SSLSocket) tls.getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        secured.setUseClientMode(false);
        secured.setEnabledProtocols(TLS_PROTOCOLS);
        secured.startHandshake();
        socket = secured;
        tlsProtocol = secured.getSession().getProtocol();
        cipherSuite = secured.getSession().getCipherSuite();
        in = new SmtpLineReader(secured.getInputStream());
        out = secured.getOutputStream();
        // RFC 3207 4.2: everything known before TLS is forgotten; the client must say EHLO again
        greeted = false;
        resetTransaction();
        return true;
    }

    private void mail(String argument) throws IOException {
        if (!mayTransact()) {
            return;
        }
        if (from != null) {
            error("503 5.5.1 nested MAIL command");
            return;
        }
        String rest = prefixed(argument, "FROM:");
        String path = rest == null ? null : path(rest);
        if (path == null) {
            error("501 5.5.4 syntax: MAIL FROM:<address>");
            return;
        }
        Long declaredSize = sizeParameter(rest.substring(rest.indexOf('>') + 1));
        if (declaredSize != null && declaredSize > maxMessageBytes) {
            reply("552 5.3.4 message size exceeds fixed limit of " + maxMessageBytes + " bytes");
            return;
        }
        from = path;
        reply("250 2.1.0 OK");
    }

    private void rcpt(String argument) throws IOException {
        if (!mayTransact()) {
            return;
        }
        if (from == null) {
            error("503 5.5.1 MAIL first");
            return;
        }
        String rest = prefixed(argument, "TO:");
        String path = rest == null ? null : path(rest);
        if (path == null || path.isEmpty()) {
            error("501 5.5.4 syntax: RCPT TO:<address>");
            return;
        }
        if (recipients.size() >= MAX_RECIPIENTS) {
            reply("452 4.5.3 too many recipients");
            return;
        }
        recipients.add(path);
        reply("250 2.1.5 OK");
    }

    private boolean data() throws IOException {
        if (!mayTransact()) {
            return true;
        }
        if (recipients.isEmpty()) {
            return error("503 5.5.1 RCPT first");
        }
        reply("354 end data with <CR><LF>.<CR><LF>");
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        boolean tooBig = false;
        while (true) {
            int room = maxMessageBytes - message.size() - 2;
            SmtpLineReader.Line line = in.read(Math.max(room, 1)); // 1: the final "." always fits
            if (line == null) {
                return false; // the client hung up mid-message: nothing was accepted
            }
            byte[] bytes = line.bytes();
            if (!line.tooLong() && bytes.length == 1 && bytes[0] == '.') {
                break;
            }
            if (tooBig || line.tooLong() || bytes.length > room) {
                tooBig = true;
                continue; // read to the end of the data, keep nothing more
            }
            // RFC 5321 4.5.2: a leading dot was doubled by the sender
            int start = bytes.length > 0 && bytes[0] == '.' ? 1 : 0;
            message.write(bytes, start, bytes.length - start);
            message.write('\r');
            message.write('\n');
        }
        if (tooBig) {
            resetTransaction();
            reply("552 5.3.4 message size exceeds fixed limit of " + maxMessageBytes + " bytes");
            return true;
        }
        long id = caught.nextId();
        caught.add(CaughtMessage.of(id, clock.instant(), from, recipients, tlsProtocol, cipherSuite,
                message.toByteArray()));
        log.debug("mail catcher caught message {} ({} bytes, {})", id, message.size(), tlsProtocol);
        resetTransaction();
        reply("250 2.0.0 OK caught as " + id);
        return true;
    }

    /** MAIL, RCPT and DATA need TLS first, then a greeting over it. */
    private boolean mayTransact() throws IOException {
        if (!secure()) {
            error("530 5.7.0 must issue a STARTTLS command first");
            return false;
        }
        if (!greeted) {
            error("503 5.5.1 EHLO first");
            return false;
        }
        return true;
    }

    /** The argument after a case-insensitive prefix such as {@code FROM:}, or null. */
    private static String prefixed(String argument, String prefix) {
        if (argument.length() < prefix.length() || !argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        return argument.substring(prefix.length()).strip();
    }

    /** The address between angle brackets ({@code ""} for the null path {@code <>}), or null if malformed. */
    private static String path(String text) {
        if (!text.startsWith("<")) {
            return null;
        }
        int close = text.indexOf('>');
        if (close < 0 || close - 1 > MAX_PATH) {
            return null;
        }
        String address = text.substring(1, close);
        return address.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == ' ') ? null : address;
    }

    /** The RFC 1870 {@code SIZE=n} parameter of MAIL FROM, or null when absent or unreadable. */
    private static Long sizeParameter(String parameters) {
        for (String parameter : parameters.strip().split("\\s+")) {
            if (parameter.regionMatches(true, 0, "SIZE=", 0, 5)) {
                try {
                    return Long.parseLong(parameter.substring(5));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private boolean secure() {
        return tlsProtocol != null;
    }

    private void resetTransaction() {
        from = null;
        recipients.clear();
    }

    /** Answers an error and counts it; always true: {@link #dialogue} ends a session with too many. */
    private boolean error(String reply) throws IOException {
        errors++;
        reply(reply);
        return true;
    }

    private void reply(String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void tryReply(String text) {
        try {
            reply(text);
        } catch (IOException e) {
            // closing anyway
        }
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            plain.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
