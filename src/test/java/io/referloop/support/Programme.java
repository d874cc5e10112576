package io.referloop.support;

import io.referloop.mapping.MappingChange;
import io.referloop.mapping.MappingFiles;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The programme a {@link SharedContext} test class runs under: the shipped program.yaml with these pairs of (exact
 * text, text to put instead) replaced. It is applied through the running connector's own live reload before the
 * class's first test and the shipped programme is put back after its last, so classes with different rules share
 * one context (test classes in one JVM run one after another).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(Programme.Apply.class)
public @interface Programme {

    String[] value();

    final class Apply implements BeforeAllCallback, AfterAllCallback {

        private static final String FILE = "program.yaml";

        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            String[] replacements = context.getRequiredTestClass().getAnnotation(Programme.class).value();
            write(context, TestMappings.program(replacements));
        }

        @Override
        public void afterAll(ExtensionContext context) throws IOException {
            write(context, TestMappings.program());
        }

        private static void write(ExtensionContext context, String programme) throws IOException {
            Path dir = SharedContextProperties.mappings();
            Path next = Files.writeString(dir.resolve(FILE + ".next"), programme);
            // moved into place whole: the file watcher never reads half a programme
            Files.move(next, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            MappingChange change = SpringExtension.getApplicationContext(context).getBean(MappingFiles.class).reload(FILE);
            if (change.refused()) {
                throw new IllegalStateException("the test programme was refused: " + change.message());
            }
        }
    }
}
