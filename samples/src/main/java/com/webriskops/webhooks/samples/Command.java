package com.webriskops.webhooks.samples;

import java.util.Objects;
import java.util.Set;

/** One command of the command line: its name, its summary and help text, and what it runs. Subclasses are stateless. */
abstract class Command {
    private final String name;
    private final String summary;
    private final String help;

    /**
     * @param name the name typed after the jar, such as {@code send}
     * @param summary one line for the command list
     * @param usage the options of the usage line the help starts with
     * @param details the rest of the {@code --help} text
     */
    Command(String name, String summary, String usage, String details) {
        this.name = Objects.requireNonNull(name, "name");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.help = Main.usage(name, usage) + details;
    }

    /** The name typed after the jar, such as {@code send}. */
    final String name() {
        return name;
    }

    /** One line for the command list. */
    final String summary() {
        return summary;
    }

    /** The full {@code --help} text. */
    final String help() {
        return help;
    }

    /** Options that take a value, without the leading dashes. */
    abstract Set<String> options();

    /** Options that take no value, without the leading dashes ({@code help} is always accepted). */
    Set<String> flags() {
        return Set.of();
    }

    /**
     * Runs the command.
     *
     * @return the exit code: 0 when it did what was asked, 1 when it ran but the outcome was not ok
     * @throws UsageException for wrong usage (exit 2)
     * @throws Exception for anything else (exit 1, one line on stderr)
     */
    abstract int run(Args args, Console console) throws Exception;
}
