package com.webriskops.webhooks.dashboard.internal;

import com.webriskops.webhooks.dashboard.DashboardAudit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** A {@link DashboardAudit} keeping the latest entries in memory. Thread-safe. */
public final class InMemoryAudit implements DashboardAudit {
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int max;

    public InMemoryAudit(int max) {
        this.max = max;
    }

    @Override
    public synchronized void record(Entry entry) {
        Objects.requireNonNull(entry, "entry");
        entries.addLast(entry);
        while (entries.size() > max) {
            entries.removeFirst();
        }
    }

    @Override
    public synchronized List<Entry> recent(String owner, String subjectType, long subjectId, int limit) {
        List<Entry> result = new ArrayList<>();
        Iterator<Entry> newestFirst = entries.descendingIterator();
        while (newestFirst.hasNext() && result.size() < Math.min(limit, MAX_RECENT)) {
            Entry e = newestFirst.next();
            if (e.owner().equals(owner) && e.subjectType().equals(subjectType) && e.subjectId() == subjectId) {
                result.add(e);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "InMemoryAudit[max=" + max + "]";
    }
}
