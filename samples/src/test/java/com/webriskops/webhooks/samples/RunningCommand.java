package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A long-running command of {@link Main} ({@code receive}, {@code serve-api}) in a thread of this JVM, its
 * output read line by line; closing it interrupts it and checks that it stopped and exited 0.
 */
final class RunningCommand implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (\\S+)");

    private final BlockingQueue<String> outLines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> errLines = new LinkedBlockingQueue<>();
    private final AtomicInteger exit = new AtomicInteger(-1);
    private final Thread thread;

    private RunningCommand(Map<String, String> env, String[] args) {
        thread = new Thread(() -> exit.set(Main.run(
                args, env, InputStream.nullInputStream(), Cli.lineStream(outLines), Cli.lineStream(errLines))));
        thread.start();
    }

    /** Runs {@code args} with the environment {@code env} and no input. */
    static RunningCommand start(Map<String, String> env, String... args) {
        return new RunningCommand(env, args);
    }

    /** The next line on stderr, waiting up to a minute for it. */
    String errLine() throws InterruptedException {
        String line = errLines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("a line on stderr").isNotNull();
        return line;
    }

    /** The address of the next stderr line, which must say {@code listening on} it. */
    URI listening() throws InterruptedException {
        String line = errLine();
        Matcher m = LISTENING.matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return URI.create(m.group(1));
    }

    /** The next line on stdout, waiting up to ten seconds for it. */
    String outLine() throws InterruptedException {
        String line = outLines.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("a line on stdout").isNotNull();
        return line;
    }

    /** The stdout lines not read yet. */
    List<String> outLines() {
        List<String> rest = new ArrayList<>();
        outLines.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the command", e);
        }
        assertThat(thread.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
    }
}
