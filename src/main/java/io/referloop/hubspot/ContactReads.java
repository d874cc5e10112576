package io.referloop.hubspot;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Batch reads of contacts started ahead of their use, on a thread of their own, so that the HubSpot inbox decides one
 * chunk of contacts while the next chunk's read waits for its share of the quota and HubSpot's answer. One read runs at
 * a time: a read ahead is a read the drain would have made next anyway, in the same order, never an extra call.
 * A read's failure is thrown where its contacts are asked for, as the read itself would have thrown it.
 */
@Component
class ContactReads implements DisposableBean {

    private final HubSpotClient client;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hubspot-contact-reads");
        thread.setDaemon(true);
        return thread;
    });

    ContactReads(HubSpotClient client) {
        this.client = client;
    }

    /** Starts reading these contacts (at most 100) with these properties. */
    Read readAhead(Collection<String> ids, Set<String> properties) {
        List<String> copy = List.copyOf(ids);
        return new Read(CompletableFuture.supplyAsync(() -> client.batchRead("contacts", copy, properties), reader));
    }

    @Override
    public void destroy() {
        reader.shutdownNow();
    }

    /** A read under way. */
    static final class Read {

        private final CompletableFuture<List<HubSpotObject>> answer;

        private Read(CompletableFuture<List<HubSpotObject>> answer) {
            this.answer = answer;
        }

        /** The contacts HubSpot returned (waits for them); throws what the read threw. */
        List<HubSpotObject> contacts() {
            try {
                return answer.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
    }
}
