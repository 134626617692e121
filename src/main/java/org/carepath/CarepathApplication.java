package org.carepath;

import java.util.Arrays;
import java.util.List;

import org.carepath.cli.BenchCommand;
import org.carepath.cli.ProcessesCommand;
import org.carepath.cli.RulesCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * {@code java -jar carepath.jar} runs the server; {@code rules ...}, {@code processes check} and {@code bench}
 * are commands that run without it.
 */
@SpringBootApplication
@EnableScheduling
public class CarepathApplication {

    /*
     * Jakarta Mail 2.1 looks up its StreamProvider with a ServiceLoader for every multipart, body part, encoded
     * header and part written (jakartaee/mail-api#861), which inside Spring Boot's nested jar means parsing jar
     * URLs each time: a quarter of the delivery threads' CPU in the delivery benchmark. Naming the implementation
     * turns the lookup into a Class.forName of a class already loaded. Runs when this class is initialised,
     * which covers the server, the tests and the in-process benchmarks.
     */
    static {
        if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
            System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    public static void main(String[] args) {
        List<String> words = Arrays.asList(args);
        if (!words.isEmpty() && (words.get(0).equals("rules") || words.get(0).equals("bench")
                || words.get(0).equals("processes"))) {
            quietLogging();
        }
        if (!words.isEmpty() && words.get(0).equals("processes")) {
            System.exit(new ProcessesCommand(System.out, System.err).run(words.subList(1, words.size())));
        }
        if (!words.isEmpty() && words.get(0).equals("rules")) {
            System.exit(new RulesCommand(System.out, System.err).run(words.subList(1, words.size())));
        }
        if (!words.isEmpty() && words.get(0).equals("bench")) {
            System.exit(new BenchCommand(System.out).run(words.subList(1, words.size())));
        }
        SpringApplication.run(CarepathApplication.class, args);
    }

    /** The commands print their own findings; Drools' build chatter would bury them. */
    private static void quietLogging() {
        var context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        context.getLogger("org.drools").setLevel(ch.qos.logback.classic.Level.ERROR);
        context.getLogger("org.kie").setLevel(ch.qos.logback.classic.Level.ERROR);
    }
}
