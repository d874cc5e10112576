package io.referloop.admin;

import io.referloop.privacy.ErasureRefused;
import io.referloop.privacy.ErasureReport;
import io.referloop.privacy.PersonErasure;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * {@code DELETE /api/people/{email}}: erases a person. Always 200 with the counts, zeros when nothing (or nothing
 * more) was held about them, so a privacy request can be replayed safely and gets a receipt every time.
 */
@RestController
@RequestMapping("/api/people")
class PeopleController {

    private final PersonErasure erasure;

    PeopleController(PersonErasure erasure) {
        this.erasure = erasure;
    }

    @DeleteMapping("/{email}")
    ErasureReport erase(@PathVariable String email, @RequestParam(required = false) String by, Principal principal) {
        String actor = by != null && !by.isBlank() ? by.strip() : principal == null ? "admin" : principal.getName();
        return erasure.erase(email, actor.length() > 100 ? actor.substring(0, 100) : actor);
    }

    @ExceptionHandler(ErasureRefused.class)
    ProblemDetail refused(ErasureRefused refused) {
        return ProblemDetail.forStatusAndDetail(refused.conflict() ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST,
                refused.getMessage());
    }
}
