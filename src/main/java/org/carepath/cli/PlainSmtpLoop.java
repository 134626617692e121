package org.carepath.cli;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.HdrHistogram.Recorder;
import org.carepath.delivery.transport.NoDelaySockets;

/**
 * The yardstick of {@code bench delivery}: Jakarta Mail alone, the way a careful programmer sends mail with it.
 * T threads, each with one SMTP connection kept open for all its messages, STARTTLS required, the
 * certificate checked against the trust store and the host name; no rules, no database, no encryption
 * beyond TLS. TCP_NODELAY is on, as in carepath's transport, so the comparison is about what carepath
 * adds, not about Nagle's algorithm.
 */
public final class PlainSmtpLoop {

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final int threads;

    /** @param trustStore the CAs the sink's certificate must chain to */
    public PlainSmtpLoop(String host, int port, KeyStore trustStore, int threads) {
        this.host = host;
        this.port = port;
        this.threads = threads;
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            this.tls = SSLContext.getInstance("TLS");
            this.tls.init(null, trust.getTrustManagers(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the plain loop", e);
        }
    }

    /**
     * Sends every message to the recipients in its To, message i on thread i mod T, and times each send
     * (latency: one SMTP transaction on an open connection). A message the server did not take counts as failed;
     * the thread then opens a new connection.
     */
    public DeliveryRate run(List<MimeMessage> messages) {
        Recorder latency = new Recorder(3);
        AtomicInteger delivered = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            List<MimeMessage> share = new ArrayList<>();
            for (int i = t; i < messages.size(); i += threads) {
                share.add(messages.get(i));
            }
            Thread worker = new Thread(() -> send(share, latency, delivered), "plain-smtp-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var histogram = latency.getIntervalHistogram();
        return new DeliveryRate(messages.size(), delivered.get(), seconds,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6);
    }

    private void send(List<MimeMessage> share, Recorder latency, AtomicInteger delivered) {
        Transport transport = null;
        for (MimeMessage message : share) {
            long start = System.nanoTime();
            try {
                if (transport == null || !transport.isConnected()) {
                    transport = connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
                delivered.incrementAndGet();
                latency.recordValue(System.nanoTime() - start);
            } catch (MessagingException e) {
                close(transport);
                transport = null;
            }
        }
        close(transport);
    }

    private Transport connect() throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true");
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        props.put("mail.smtp.socketFactory", NoDelaySockets.plain());
        props.put("mail.smtp.socketFactory.fallback", "false");
        props.put("mail.smtp.ssl.socketFactory", NoDelaySockets.tls(tls.getSocketFactory()));
        Transport transport = Session.getInstance(props).getTransport("smtp");
        transport.connect();
        return transport;
    }

    private static void close(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the connection is being dropped anyway
            }
        }
    }
}
