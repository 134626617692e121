package org.carepath.delivery.catcher;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads SMTP lines without trusting the client: a line longer than the limit is read to its end and thrown
 * away, never held, so no client can make the catcher buffer more than the limit. Line ends are CRLF (a bare
 * LF is accepted too); the returned bytes exclude them.
 */
final class SmtpLineReader {

    /** A line, or the fact that one was too long (its bytes are gone). */
    record Line(byte[] bytes, boolean tooLong) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final InputStream in;

    SmtpLineReader(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /** The next line of at most {@code max} bytes (line end excluded); null at the end of the stream. */
    Line read(int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(Math.min(max, 256) + 1);
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return finished(line, tooLong, max);
            }
            if (tooLong) {
                continue; // read to the line's end, keep nothing
            }
            if (line.size() > max) { // max + 1 are allowed in: the last may be the CR of the CRLF
                tooLong = true;
                line.reset();
            } else {
                line.write(b);
            }
        }
        return line.size() == 0 && !tooLong ? null : finished(line, tooLong, max);
    }

    private static Line finished(ByteArrayOutputStream line, boolean tooLong, int max) {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        if (tooLong || length > max) {
            return new Line(new byte[0], true);
        }
        return new Line(Arrays.copyOf(bytes, length), false);
    }

    /** Whether bytes the client sent are waiting, read ahead into the buffer or still in the socket. */
    boolean hasBuffered() throws IOException {
        return in.available() > 0;
    }
}
