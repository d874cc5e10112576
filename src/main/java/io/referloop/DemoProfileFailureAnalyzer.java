package io.referloop;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The {@code demo} profile outside the test classpath: a short start-up report naming the command to use. */
class DemoProfileFailureAnalyzer extends AbstractFailureAnalyzer<DemoProfileCheck.DemoNotOnClasspathException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DemoProfileCheck.DemoNotOnClasspathException cause) {
        return new FailureAnalysis(
                "The 'demo' profile is active, but the demo is not on the classpath: its fakes and story are test code"
                        + " and the production jar carries none of them. Referloop did not start.",
                "The demo runs from the test classpath: " + DemoProfileCheck.COMMAND
                        + "\n(without the demo, start without the 'demo' profile).",
                cause);
    }
}
