package com.webriskops.webhooks.samples;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The command line of {@code webriskops-webhooks-samples.jar}: {@code demo}, {@code receive}, {@code
 * serve-api}, {@code send}, {@code enqueue}, {@code dispatch}, {@code status}, {@code sign}, {@code verify} and {@code
 * check-target}. {@code java -jar webriskops-webhooks-samples.jar COMMAND --help} documents each.
 *
 * <p>Exit codes: 0 when the command did what was asked, 1 when it ran but the outcome was not ok (a
 * refused signature, a failed delivery, a blocked target) or something broke, 2 for wrong usage (one
 * line on stderr says why). The signing secret is read only from the environment variable {@code
 * WEBRISKOPS_WEBHOOK_SECRET} (byte for byte; the previous secret in {@code WEBRISKOPS_WEBHOOK_SECRET_PREVIOUS} during a rotation), never from an argument.
 */
public final class Main {
    /** Exit code of a command that did what was asked. */
    public static final int OK = 0;

    /** Exit code of a command that ran but whose outcome was not ok, or that broke. */
    public static final int NOT_OK = 1;

    /** Exit code for wrong usage. */
    public static final int USAGE = 2;

    private static final String JAR = "java -jar webriskops-webhooks-samples.jar";

    // Held so the level set on them is not garbage-collected with the logger.
    private static final List<Logger> QUIET_JUL_LOGGERS =
            List.of(Logger.getLogger("org.glassfish"), Logger.getLogger("com.sun.net.httpserver"));

    private static final Map<String, Command> COMMANDS = commands(
            new DemoCommand(),
            new ReceiveCommand(),
            new ServeApiCommand(),
            new SendCommand(),
            new OutboxCommands.Enqueue(),
            new OutboxCommands.Dispatch(),
            new OutboxCommands.Status(),
            new SignCommand(),
            new VerifyCommand(),
            new CheckTargetCommand());

    private Main() {}

    /** Runs the command line in this JVM and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /**
     * Runs one command with the given environment and streams, without exiting the JVM; for tests and
     * for embedding. Never throws: failures are reported on {@code err} and in the exit code.
     *
     * @param args the command name, then its options
     * @param env the environment (the secret is read from {@code WEBRISKOPS_WEBHOOK_SECRET} here)
     * @param in standard input ({@code sign} reads the body from it when {@code --body} is absent)
     * @param out standard output
     * @param err standard error
     * @return the exit code: {@link #OK}, {@link #NOT_OK} or {@link #USAGE}
     */
    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        QUIET_JUL_LOGGERS.forEach(logger -> logger.setLevel(Level.SEVERE));
        Console console = new Console(Map.copyOf(env), in, out, err);
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(overview());
            return args.length == 0 ? USAGE : OK;
        }
        Command command = COMMANDS.get(args[0]);
        if (command == null) {
            err.println("webriskops-webhooks-samples: unknown command '" + args[0] + "'; try --help");
            return USAGE;
        }
        try {
            Set<String> flags = new HashSet<>(command.flags());
            flags.add("help");
            Args parsed = Args.parse(args, 1, command.options(), flags);
            if (parsed.flag("help")) {
                out.print(command.help());
                return OK;
            }
            return command.run(parsed, console);
        } catch (UsageException e) {
            err.println(command.name() + ": " + e.getMessage() + " (see " + command.name() + " --help)");
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(command.name() + ": interrupted");
            return NOT_OK;
        } catch (Exception e) {
            err.println(command.name() + ": " + describe(e));
            return NOT_OK;
        }
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString().replace('\n', ' ');
    }

    private static String overview() {
        StringBuilder text = new StringBuilder();
        text.append("WebRiskOps webhooks: demo, receiver and command line.\n\n")
                .append("Usage: ")
                .append(JAR)
                .append(" COMMAND [OPTIONS]    (COMMAND --help for details)\n\n");
        COMMANDS.values().forEach(c -> text.append(String.format("  %-13s %s%n", c.name(), c.summary())));
        text.append("\nThe signing secret comes only from the environment variable ")
                .append(Console.SECRET_ENV)
                .append(" (")
                .append(Console.ROTATION_HELP)
                .append(").\n")
                .append("Exit codes: 0 ok, 1 not ok or failed, 2 wrong usage.\n");
        return text.toString();
    }

    private static Map<String, Command> commands(Command... commands) {
        Map<String, Command> byName = new LinkedHashMap<>();
        for (Command command : commands) {
            byName.put(command.name(), command);
        }
        return byName;
    }

    /** The usage line every command's help starts with. */
    static String usage(String command, String options) {
        return "Usage: " + JAR + " " + command + " " + options + "\n\n";
    }
}
