package io.referloop.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Group commit for webhook deliveries. Each commit waits for the disk (H2 with WRITE_DELAY=0 and
 * PostgreSQL both sync it), and commits are serialised, so one commit per request caps acceptance at a
 * few hundred requests a second whatever the CPU. One writer thread takes every delivery waiting at that
 * moment and stores them with one commit; each request thread waits for that commit before it answers,
 * so nothing is acknowledged before it is durable. Under light load a group is one delivery and nothing
 * waits longer than it did before.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_DELIVERIES_PER_COMMIT = 200;

    private record Pending(List<Inbox.NewEvent> events, CompletableFuture<Integer> stored) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Function<List<List<Inbox.NewEvent>>, List<Integer>> writer;
    private final Thread thread;
    private volatile boolean running = true;

    /** {@code writer} stores the deliveries in one transaction and returns how many events of each were new. */
    GroupCommit(String name, Function<List<List<Inbox.NewEvent>>, List<Integer>> writer) {
        this.writer = writer;
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Blocks until the delivery is committed; returns how many of its events were new. */
    int store(List<Inbox.NewEvent> events) {
        Pending pending = new Pending(events, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.stored().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void run() {
        while (running) {
            List<Pending> group = new ArrayList<>();
            try {
                group.add(queue.take());
                queue.drainTo(group, MAX_DELIVERIES_PER_COMMIT - 1);
                List<Integer> stored = writer.apply(group.stream().map(Pending::events).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).stored().complete(stored.get(i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // the senders get an error answer (5xx) and deliver again; the writer carries on
                log.warn("Storing {} webhook deliveries failed: {}", group.size(), e.toString());
                group.forEach(p -> p.stored().completeExceptionally(e));
            }
        }
    }

    /** Stops the writer; a delivery still waiting gets an error (its sender delivers it again), never silence. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.stored().completeExceptionally(new IllegalStateException("the inbox is shutting down")));
    }
}
