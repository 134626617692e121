package org.carepath;

import java.util.Arrays;

import com.icegreen.greenmail.base.GreenMailOperations;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** GreenMail where {@link ServerTest} routes all mail, for the test classes that read what was delivered. */
public final class TestMail {

    private TestMail() {
    }

    /** Register with {@code @RegisterExtension static}: one SMTP server for the whole test class. */
    public static GreenMailExtension server() {
        return new GreenMailExtension(new ServerSetup(ServerTest.SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withPerMethodLifecycle(false);
    }

    /** The messages delivered to {@code address} so far, oldest first. */
    public static MimeMessage[] receivedBy(GreenMailOperations smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(address);
            } catch (MessagingException e) {
                return false;
            }
        }).toArray(MimeMessage[]::new);
    }
}
