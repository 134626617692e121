package org.carepath.cli;

import java.io.PrintStream;

/**
 * The figures of one {@code bench delivery} run side by side, and the ratio the issue sets a target for:
 * carepath's TLS path against a plain Jakarta Mail loop into the same sink in the same run.
 */
/**
 * {@code plainStock}: the plain loop with Jakarta Mail as it ships; {@code plain}: the same loop with the one
 * library setting carepath makes (its StreamProvider named, not looked up per body part). The verdict is on the
 * stock loop, the yardstick the issue describes; the ratio to the tuned loop is printed beside it.
 */
record DeliverySummary(int messages, int threads, int warmup, DeliveryRate plainStock, DeliveryRate plain,
                       DeliveryRate tls, DeliveryRate smime, DeliveryRate pgp) {

    static final double TARGET = 0.5;
    static final double AIM = 0.7;

    /** TLS over the stock plain loop; NaN when either was not measured or the plain loop sent none. */
    double ratio() {
        return ratio(plainStock);
    }

    /** TLS over the plain loop tuned as carepath tunes Jakarta Mail. */
    double ratioToTuned() {
        return ratio(plain);
    }

    private double ratio(DeliveryRate yardstick) {
        if (yardstick == null || tls == null || yardstick.perSecond() == 0) {
            return Double.NaN;
        }
        return tls.perSecond() / yardstick.perSecond();
    }

    boolean anyFailed() {
        return failed(plainStock) || failed(plain) || failed(tls) || failed(smime) || failed(pgp);
    }

    String verdict() {
        double ratio = ratio();
        if (Double.isNaN(ratio)) {
            return "no ratio (plain and TLS were not both measured)";
        }
        if (ratio >= AIM) {
            return String.format("meets the target (%.1f) and the aim (%.1f)", TARGET, AIM);
        }
        return ratio >= TARGET ? String.format("meets the target (%.1f), below the aim (%.1f)", TARGET, AIM)
                : String.format("BELOW the target (%.1f)", TARGET);
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Summary: %,d messages per path, %d threads, %,d warm-up messages before each%n", messages,
                threads, warmup);
        line(out, "plain loop, stock", plainStock);
        line(out, "plain loop, as carepath", plain);
        line(out, "carepath TLS", tls);
        line(out, "carepath S/MIME", smime);
        line(out, "carepath PGP", pgp);
        if (!Double.isNaN(ratio())) {
            out.printf("  ratio TLS / stock plain loop: %.2f  %s%n", ratio(), verdict());
            out.printf("  ratio TLS / plain loop tuned as carepath: %.2f%n", ratioToTuned());
        }
        if (anyFailed()) {
            out.println("  !!! SOME MESSAGES FAILED OR TOOK ANOTHER PATH: the figures above are not valid !!!");
        }
    }

    private static void line(PrintStream out, String label, DeliveryRate rate) {
        if (rate == null) {
            return;
        }
        out.printf("  %-24s %,9.1f msgs/s  (%,d of %,d in %.2f s%s)%n", label, rate.perSecond(), rate.delivered(),
                rate.messages(), rate.seconds(), rate.failed() > 0 ? ", " + rate.failed() + " FAILED" : "");
    }

    private static boolean failed(DeliveryRate rate) {
        return rate != null && rate.failed() > 0;
    }
}
