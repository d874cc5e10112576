package io.referloop.mapping;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a bad mapping file into a short start-up report instead of a stack trace. */
class MappingFailureAnalyzer extends AbstractFailureAnalyzer<MappingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MappingException cause) {
        return new FailureAnalysis(
                "A mapping file is not valid; Referloop did not start:\n" + cause.getMessage(),
                "Correct the file at the line shown (see the README, section \"Mappings\") and start again.",
                cause);
    }
}
