package com.webriskops.webhooks.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Runs an operation from N threads for a fixed time and counts completions per second. */
final class Load {
    /** One operation of a driver thread; returns false for an unexpected answer. */
    interface Op {
        boolean run() throws Exception;
    }

    /** Makes one {@link Op} per thread (each may keep per-thread state such as a signer). */
    interface OpFactory {
        Op create() throws Exception;
    }

    private Load() {}

    /** Operations per second over {@code duration}; fails when any operation failed. */
    static double throughput(int threads, Duration duration, OpFactory factory) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Op op = factory.create();
            Thread worker = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                    while (!stop.get()) {
                        if (op.run()) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (Throwable t) {
                    error.compareAndSet(null, t);
                }
            });
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(duration.toMillis());
        long count = done.get();
        long elapsed = System.nanoTime() - start;
        stop.set(true);
        for (Thread worker : workers) {
            worker.join(30_000);
        }
        if (error.get() != null) {
            throw new IllegalStateException("driver failed", error.get());
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " operations got an unexpected answer");
        }
        return count / (elapsed / 1e9);
    }
}
