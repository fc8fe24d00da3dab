package com.webriskops.webhooks.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles missed targets with JDK Flight Recorder: one recording of execution samples runs from the
 * start of the benchmark run to its end (a recording started in the middle of a run made the JIT
 * compile again and slowed the figures after it), a missed target's work is run again as a window of
 * that recording, and when the run ends each window's samples are summarised into its figure's notes:
 * the hottest methods (top frame) and the kit's methods that are on the stack most often. The file is
 * kept under {@code jfr/}.
 */
final class Profiling {
    private static final int TOP = 8;

    /** A missed target's work, run between {@code start} and {@code end}; its summary goes to {@code notes}. */
    private record Window(String name, Instant start, Instant end, List<String> notes) {}

    private final Recording recording = new Recording();
    private final List<Window> windows = new ArrayList<>();

    private Profiling() {}

    /** Starts the run's recording: execution samples every 20 ms, with their stacks. */
    static Profiling start() {
        Profiling profiling = new Profiling();
        profiling
                .recording
                .enable("jdk.ExecutionSample")
                .withPeriod(Duration.ofMillis(20))
                .withStackTrace();
        profiling.recording.start();
        return profiling;
    }

    /** Runs {@code work} as a window named {@code name}, summarised into {@code notes} by {@link #finish}. */
    void profile(List<String> notes, String name, Runnable work) {
        Instant start = Instant.now();
        work.run();
        windows.add(new Window(name, start, Instant.now(), notes));
    }

    /** Stops the recording, keeps it as {@code jfr/run.jfr} under {@code out} and summarises every window. */
    void finish(Path out) throws Exception {
        recording.stop();
        Path file = out.resolve("jfr").resolve("run.jfr");
        recording.dump(file);
        recording.close();
        for (Window window : windows) {
            window.notes().addAll(summarise(file, window));
        }
    }

    private static List<String> summarise(Path file, Window window) throws Exception {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> kit = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStackTrace() == null
                    || event.getStartTime().isBefore(window.start())
                    || event.getStartTime().isAfter(window.end())) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            top.merge(name(frames.get(0)), 1, Integer::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (method.startsWith("com.webriskops.webhooks.")
                        && !method.startsWith("com.webriskops.webhooks.benchmarks.")
                        && seen.add(method)) {
                    kit.merge(method, 1, Integer::sum);
                }
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("JFR " + file.getFileName() + ", window " + window.name() + ": " + samples
                + " execution samples (all threads, every 20 ms)");
        notes.add("hottest methods (top frame): " + rank(top, samples));
        notes.add("kit methods on the stack: " + rank(kit, samples));
        return notes;
    }

    private static String rank(Map<String, Integer> counts, int samples) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(TOP, entries.size()); i++) {
            if (i > 0) {
                text.append("; ");
            }
            Map.Entry<String, Integer> e = entries.get(i);
            text.append(e.getKey())
                    .append(String.format(Locale.ROOT, " %.0f%%", 100.0 * e.getValue() / Math.max(1, samples)));
        }
        return text.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
