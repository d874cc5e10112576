package io.referloop.referral;

/** Disabling or enabling an advocate was refused before anything changed. */
public class AdvocateStatusRefused extends RuntimeException {

    AdvocateStatusRefused(String message) {
        super(message);
    }
}
