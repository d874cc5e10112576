package io.referloop.harness;

import java.util.List;
import java.util.Set;

/**
 * One hostile request and the answer the README promises for it. {@code raw} requests go over a plain
 * socket exactly as given (framing errors, bytes an HTTP client library refuses to send); the others
 * through {@link java.net.http.HttpClient}.
 */
record FuzzRequest(String endpoint, String category, String detail, String method, String path,
                   List<String[]> headers, byte[] body, byte[] raw, boolean halfClose, Set<Integer> expected) {

    static FuzzRequest http(String endpoint, String category, String detail, String method, String path,
                            List<String[]> headers, byte[] body, Set<Integer> expected) {
        return new FuzzRequest(endpoint, category, detail, method, path, headers, body, null, false, expected);
    }

    static FuzzRequest raw(String endpoint, String category, String detail, byte[] raw, boolean halfClose,
                           Set<Integer> expected) {
        return new FuzzRequest(endpoint, category, detail, null, null, List.of(), null, raw, halfClose, expected);
    }

    boolean isRaw() {
        return raw != null;
    }

    int size() {
        return isRaw() ? raw.length : body == null ? 0 : body.length;
    }

    @Override
    public String toString() {
        return endpoint + " " + category + " (" + detail + ", " + size() + " bytes)";
    }
}
