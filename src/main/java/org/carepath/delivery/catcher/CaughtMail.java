package org.carepath.delivery.catcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The catcher's memory: the last messages it accepted, newest first, bounded both in count and in bytes
 * (500 messages of 10 MB would not fit in a heap). The oldest go first. Never written to disk: caught mail
 * may hold PHI, and a restart forgetting it is a feature.
 */
final class CaughtMail {

    private final int maxMessages;
    private final long maxBytes;
    private final Deque<CaughtMessage> messages = new ArrayDeque<>();
    private long bytes;
    private long lastId;

    CaughtMail(int maxMessages, long maxBytes) {
        if (maxMessages < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the catcher must be able to keep at least one message");
        }
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
    }

    synchronized long nextId() {
        return ++lastId;
    }

    synchronized void add(CaughtMessage message) {
        messages.addFirst(message);
        bytes += message.size();
        while (messages.size() > maxMessages || bytes > maxBytes && messages.size() > 1) {
            bytes -= messages.removeLast().size();
        }
    }

    /** Newest first. */
    synchronized List<CaughtMessage> list() {
        return new ArrayList<>(messages);
    }

    synchronized Optional<CaughtMessage> find(long id) {
        for (Iterator<CaughtMessage> i = messages.iterator(); i.hasNext(); ) {
            CaughtMessage message = i.next();
            if (message.id() == id) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }
}
