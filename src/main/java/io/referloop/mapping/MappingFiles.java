package io.referloop.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.serialization.JsonNodeReader;
import com.networknt.schema.utils.JsonNodes;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads the YAML files admins edit in {@code mappings/}: each is checked against its JSON Schema
 * (classpath {@code schemas/}) and only then bound to a typed record. Every problem is reported as
 * {@code file:line:column: path: reason}, all problems of a file at once.
 */
@Component
public class MappingFiles {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path dir;
    private final MappingBindings bindings = new MappingBindings();
    private final Map<String, MappingChange> changes = new ConcurrentHashMap<>();
    private final JsonNodeReader reader = JsonNodeReader.builder().locationAware().yamlMapper(YAML).build();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.jsonNodeReader(JsonNodeReader.builder().locationAware().build()));

    public MappingFiles(MappingsProperties properties) {
        this.dir = properties.dir();
    }

    public Path dir() {
        return dir;
    }

    /**
     * Reads {@code fileName} from the mappings folder, validated against {@code schemas/<schemaName>}; a valid change
     * of the file replaces the rules while the connector runs.
     */
    public <T> LiveMapping<T> live(String fileName, String schemaName, Class<T> type) {
        return live(fileName, schemaName, type, Function.identity());
    }

    /** Like {@link #live(String, String, Class)}, keeping the {@code part} of the file's content that the caller uses. */
    public <F, T> LiveMapping<T> live(String fileName, String schemaName, Class<F> type, Function<F, T> part) {
        return bind(fileName, schemaName, type, part, next -> { });
    }

    /**
     * Like {@link #live(String, String, Class)}, for rules that need something outside the connector (CRM properties,
     * fields): a valid change is first handed to {@code prepare}, and put in place only when it returns; an exception
     * from it refuses the change with its message, and the rules before the change stay in use. The rules read at
     * start are not handed to it: the caller prepares them its own way.
     */
    public <T> LiveMapping<T> livePrepared(String fileName, String schemaName, Class<T> type, Consumer<T> prepare) {
        return bind(fileName, schemaName, type, Function.identity(), prepare);
    }

    private <F, T> LiveMapping<T> bind(String fileName, String schemaName, Class<F> type, Function<F, T> part,
                                       Consumer<T> prepare) {
        Supplier<T> read = () -> part.apply(readChecked(fileName, schemaName, type));
        LiveMapping<T> live = new LiveMapping<>(read.get());
        bindings.add(fileName, read, prepare, live);
        return live;
    }

    /**
     * Reads {@code fileName} again for everything bound from it at start; with a mistake anywhere, nothing changes.
     * The outcome is kept for {@link #lastChange}.
     */
    public MappingChange reload(String fileName) {
        MappingChange change = bindings.reload(fileName);
        changes.put(fileName, change);
        return change;
    }

    /** How the last change of {@code fileName} seen while running was taken; empty: unchanged since start. */
    public Optional<MappingChange> lastChange(String fileName) {
        return Optional.ofNullable(changes.get(fileName));
    }

    private <T> T readChecked(String fileName, String schemaName, Class<T> type) {
        Path file = dir.resolve(fileName);
        String shown = dir.getFileName() == null ? file.toString() : dir.getFileName().resolve(fileName).toString();
        if (!Files.isRegularFile(file)) {
            throw new MappingException(shown + ": file not found (looked in " + file.toAbsolutePath() + ")");
        }
        JsonNode tree = parse(file, shown);
        validate(tree, schemaName, shown);
        try {
            return YAML.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw new MappingException(shown + ":" + lineOf(e, tree) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new MappingException(shown + ": " + e.getMessage(), e);
        }
    }

    private JsonNode parse(Path file, String shown) {
        try {
            String text = Files.readString(file);
            JsonNode tree = reader.readTree(text, InputFormat.YAML);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new MappingException(shown + ":1:1: the file is empty");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw notYaml(shown, e);
        } catch (IllegalArgumentException e) {
            // the location-aware reader wraps parse errors
            if (e.getCause() instanceof JsonProcessingException cause) {
                throw notYaml(shown, cause);
            }
            throw new MappingException(shown + ": not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MappingException(shown + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static MappingException notYaml(String shown, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new MappingException(shown + where + ": not valid YAML: " + e.getOriginalMessage(), e);
    }

    private void validate(JsonNode tree, String schemaName, String shown) {
        JsonSchema schema = schemas.getSchema(SchemaLocation.of("classpath:schemas/" + schemaName));
        List<ValidationMessage> problems = schema.validate(tree).stream()
                .sorted(Comparator.comparingInt((ValidationMessage m) -> line(m.getInstanceNode()))
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
        if (!problems.isEmpty()) {
            String report = problems.stream()
                    .map(m -> shown + ":" + position(m.getInstanceNode()) + ": " + m.getMessage())
                    .collect(Collectors.joining("\n"));
            throw new MappingException(report);
        }
    }

    private static String lineOf(JsonMappingException e, JsonNode tree) {
        JsonNode node = tree;
        for (JsonMappingException.Reference ref : e.getPath()) {
            JsonNode next = ref.getFieldName() != null
                    ? node.get(PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(ref.getFieldName()))
                    : node.get(ref.getIndex());
            if (next == null) {
                next = ref.getFieldName() != null ? node.get(ref.getFieldName()) : null;
            }
            if (next == null) {
                break;
            }
            node = next;
        }
        return position(node);
    }

    private static String position(JsonNode node) {
        JsonLocation at = node == null ? null : JsonNodes.tokenLocationOf(node);
        return at == null ? "1:1" : at.getLineNr() + ":" + at.getColumnNr();
    }

    private static int line(JsonNode node) {
        JsonLocation at = node == null ? null : JsonNodes.tokenLocationOf(node);
        return at == null ? 0 : at.getLineNr();
    }
}
