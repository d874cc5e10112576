package io.referloop.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.referloop.demo.FakeSalesforceSchema.Field;
import io.referloop.demo.FakeSalesforceSchema.FieldType;
import io.referloop.demo.FakeSalesforceSchema.SObjectType;
import io.referloop.demo.FakeSalesforceStore.Record;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SOQL engine and the query cursors. Supported: {@code SELECT f1, f2 FROM Type [WHERE cond] [ORDER BY f
 * [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n] [OFFSET n]}, conditions combined with AND, OR, NOT and parentheses,
 * operators {@code = != <> < <= > >= LIKE IN NOT IN}, literals 'text', numbers, true, false, null, dates
 * (2026-11-22) and date-times (2026-11-22T10:00:00.000Z, 2026-11-22T10:00:00+01:00), with Salesforce's type
 * checks. Parent relationship fields one level up in the SELECT list ({@code Account.Website} through the
 * reference {@code AccountId}), answered as Salesforce does: a nested record with its own attributes, or null when
 * the reference is empty. No child subqueries, relationships in WHERE or ORDER BY, aggregates, bind variables or
 * date functions. Results are snapshotted at the first call and paged through {@code nextRecordsUrl}. The router
 * locks.
 */
final class FakeSalesforceQuery {

    static final int DEFAULT_PAGE_SIZE = 2000;
    private static final String LOCATOR_PREFIX = "01gxx";

    private final FakeSalesforceSchema schema;
    private final FakeSalesforceStore store;
    private final Map<String, Cursor> cursors = new HashMap<>();
    private long nextCursor = 1;
    int pageSize = DEFAULT_PAGE_SIZE;

    private record Cursor(String version, List<ObjectNode> rows, int pageSize) {
    }

    /** {@code Account.Website}: the relationship name, the reference field behind it and the parent's field. */
    private record ParentField(String relationship, Field reference, SObjectType parent, Field field) {
    }

    FakeSalesforceQuery(FakeSalesforceSchema schema, FakeSalesforceStore store) {
        this.schema = schema;
        this.store = store;
    }

    /** Runs the SOQL and answers its first page; batchSize from Sforce-Query-Options, or null. */
    FakeReply query(String version, String soql, Integer batchSize) {
        if (soql == null || soql.isBlank()) {
            throw FakeSalesforceError.malformedQuery("SOQL statements cannot be empty or null");
        }
        List<ObjectNode> rows = new Parser(soql, version).parse();
        int size = batchSize == null ? pageSize : Math.min(pageSize, Math.max(200, Math.min(batchSize, 2000)));
        String locator = LOCATOR_PREFIX + String.format(Locale.ROOT, "%010d", nextCursor++);
        Cursor cursor = new Cursor(version, rows, size);
        if (rows.size() > size) {
            cursors.put(locator, cursor);
        }
        return page(locator, cursor, 0);
    }

    /** Answers the page a {@code nextRecordsUrl} last segment ({@code <locator>-<offset>}) names. */
    FakeReply more(String locatorAndOffset) {
        int dash = locatorAndOffset.lastIndexOf('-');
        Cursor cursor = dash < 0 ? null : cursors.get(locatorAndOffset.substring(0, dash));
        int offset = -1;
        if (cursor != null) {
            try {
                offset = Integer.parseInt(locatorAndOffset.substring(dash + 1));
            } catch (NumberFormatException ignored) {
                // stays invalid
            }
        }
        if (cursor == null || offset < 0 || offset >= cursor.rows.size()) {
            throw FakeSalesforceError.badRequest("INVALID_QUERY_LOCATOR", "invalid query locator");
        }
        return page(locatorAndOffset.substring(0, dash), cursor, offset);
    }

    private static FakeReply page(String locator, Cursor cursor, int offset) {
        int end = Math.min(offset + cursor.pageSize, cursor.rows.size());
        ObjectNode body = FakeJson.object();
        body.put("totalSize", cursor.rows.size());
        body.put("done", end >= cursor.rows.size());
        if (end < cursor.rows.size()) {
            body.put("nextRecordsUrl", "/services/data/" + cursor.version + "/query/" + locator + "-" + end);
        }
        ArrayNode records = body.putArray("records");
        cursor.rows.subList(offset, end).forEach(row -> records.add(row.deepCopy()));
        return FakeReply.ok(body);
    }

    /** One record as a query returns it: attributes, Id, then the selected fields (null when empty). */
    static ObjectNode render(Record record, List<Field> fields, String version) {
        ObjectNode row = FakeJson.object();
        ObjectNode attributes = row.putObject("attributes");
        attributes.put("type", record.type.name);
        attributes.put("url", "/services/data/" + version + "/sobjects/" + record.type.name + "/" + record.id);
        row.put("Id", record.id);
        for (Field field : fields) {
            if (!field.name().equals("Id")) {
                putValue(row, field, record.get(field));
            }
        }
        return row;
    }

    static void putValue(ObjectNode row, Field field, Object value) {
        if (value == null) {
            row.putNull(field.name());
        } else if (field.type().numeric()) {
            row.put(field.name(), new BigDecimal(value.toString()).doubleValue());
        } else if (value instanceof Boolean bool) {
            row.put(field.name(), bool);
        } else {
            row.put(field.name(), value.toString());
        }
    }

    /** A field value as a comparable key: lower-case text, BigDecimal, Boolean, Instant or LocalDate. */
    static Comparable<?> key(Field field, Object value) {
        if (value == null) {
            return null;
        }
        return switch (field.type()) {
            case DOUBLE, CURRENCY -> new BigDecimal(value.toString());
            case BOOLEAN -> (Boolean) value;
            case DATETIME -> FakeSalesforceJson.parseDateTime(value.toString());
            case DATE -> LocalDate.parse(value.toString());
            default -> value.toString().toLowerCase(Locale.ROOT);
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable a, Comparable b) {
        return a.compareTo(b);
    }

    // ---------------------------------------------------------------------------------------------------------------

    private enum Kind { WORD, STRING, NUMBER, DATETIME, DATE, OP, COMMA, LPAREN, RPAREN, END }

    private record Token(Kind kind, String text) {
        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private static final Pattern DATETIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![T\\d])");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    private static final Set<String> RESERVED = Set.of("select", "from", "where", "and", "or", "not", "order", "by",
            "limit", "offset", "asc", "desc", "nulls", "first", "last", "in", "like", "true", "false", "null");

    /** A literal: its token kind (WORD for true/false/null) and the comparable key, null for SOQL null. */
    private record Literal(Kind kind, String text, Comparable<?> key) {
    }

    private final class Parser {
        private final List<Token> tokens;
        private final String version;
        private int at;
        private SObjectType type;

        Parser(String soql, String version) {
            this.tokens = tokenize(soql);
            this.version = version;
        }

        List<ObjectNode> parse() {
            keyword("SELECT");
            List<String> names = new ArrayList<>();
            do {
                Token name = next();
                if (name.kind != Kind.WORD || RESERVED.contains(name.text.toLowerCase(Locale.ROOT))) {
                    throw unexpected(name);
                }
                names.add(name.text);
            } while (accept(Kind.COMMA));
            keyword("FROM");
            Token from = next();
            if (from.kind != Kind.WORD) {
                throw unexpected(from);
            }
            type = schema.type(from.text);
            if (type == null) {
                throw FakeSalesforceError.badRequest("INVALID_TYPE", "sObject type '" + from.text + "' is not "
                        + "supported. If you are attempting to use a custom object, be sure to append the '__c' after "
                        + "the entity name. Please reference your WSDL or the describe call for the appropriate names.");
            }
            Set<Field> selected = new LinkedHashSet<>();
            List<ParentField> parents = new ArrayList<>();
            for (String name : names) {
                if (name.contains(".") && type.field(name) == null) {
                    parents.add(parentField(name));
                } else {
                    selected.add(field(name));
                }
            }
            Predicate<Record> where = record -> true;
            if (acceptKeyword("WHERE")) {
                where = or();
            }
            Comparator<Record> order = null;
            if (acceptKeyword("ORDER")) {
                keyword("BY");
                order = orderItems();
            }
            int limit = acceptKeyword("LIMIT") ? count() : Integer.MAX_VALUE;
            int offset = acceptKeyword("OFFSET") ? count() : 0;
            if (peek().kind != Kind.END) {
                throw unexpected(peek());
            }
            List<Record> found = new ArrayList<>(store.all(type).stream().filter(where).toList());
            if (order != null) {
                found.sort(order);
            }
            List<Field> fields = List.copyOf(selected);
            return found.stream().skip(offset).limit(limit).map(record -> withParents(render(record, fields, version),
                    record, parents)).toList();
        }

        /** Adds each parent relationship as Salesforce nests it: {@code "Account": {attributes, Website}} or null. */
        private ObjectNode withParents(ObjectNode row, Record record, List<ParentField> parents) {
            for (ParentField p : parents) {
                Object parentId = record.get(p.reference);
                Record parent = parentId == null ? null : store.find(p.parent, parentId.toString());
                if (parent == null) {
                    row.putNull(p.relationship);
                    continue;
                }
                JsonNode existing = row.get(p.relationship);
                ObjectNode nested = existing instanceof ObjectNode o ? o : row.putObject(p.relationship);
                if (!nested.has("attributes")) {
                    nested.putObject("attributes").put("type", p.parent.name)
                            .put("url", "/services/data/" + version + "/sobjects/" + p.parent.name + "/" + parent.id);
                }
                putValue(nested, p.field, parent.get(p.field));
            }
            return row;
        }

        /**
         * {@code Relationship.Field}: a standard reference {@code RelationshipId} or a custom one
         * {@code Relationship__c} (written {@code Relationship__r}), with Salesforce's error for anything else.
         */
        private ParentField parentField(String name) {
            String[] parts = name.split("\\.");
            String relationship = parts[0];
            Field reference = relationship.toLowerCase(Locale.ROOT).endsWith("__r")
                    ? type.field(relationship.substring(0, relationship.length() - 3) + "__c")
                    : type.field(relationship + "Id");
            SObjectType parent = reference == null || reference.referenceTo() == null ? null : schema.type(reference.referenceTo());
            if (parts.length != 2 || parent == null) {
                throw FakeSalesforceError.badRequest("INVALID_FIELD", "Didn't understand relationship '" + relationship
                        + "' in field path. If you are attempting to use a custom relationship, be sure to append the "
                        + "'__r' after the custom relationship name. Please reference your WSDL or the describe call for "
                        + "the appropriate names.");
            }
            Field field = parent.field(parts[1]);
            if (field == null) {
                throw FakeSalesforceError.badRequest("INVALID_FIELD", "No such column '" + parts[1] + "' on entity '"
                        + parent.name + "'. If you are attempting to use a custom field, be sure to append the '__c' "
                        + "after the custom field name. Please reference your WSDL or the describe call for the "
                        + "appropriate names.");
            }
            String canonical = reference.name().endsWith("__c")
                    ? reference.name().substring(0, reference.name().length() - 3) + "__r"
                    : reference.name().substring(0, reference.name().length() - 2);
            return new ParentField(canonical, reference, parent, field);
        }

        private Predicate<Record> or() {
            Predicate<Record> left = and();
            while (acceptKeyword("OR")) {
                left = left.or(and());
            }
            return left;
        }

        private Predicate<Record> and() {
            Predicate<Record> left = not();
            while (acceptKeyword("AND")) {
                left = left.and(not());
            }
            return left;
        }

        private Predicate<Record> not() {
            if (acceptKeyword("NOT")) {
                return not().negate();
            }
            if (accept(Kind.LPAREN)) {
                Predicate<Record> inner = or();
                expect(Kind.RPAREN);
                return inner;
            }
            return condition();
        }

        private Predicate<Record> condition() {
            Token name = next();
            if (name.kind != Kind.WORD || RESERVED.contains(name.text.toLowerCase(Locale.ROOT))) {
                throw unexpected(name);
            }
            Field field = field(name.text);
            if (acceptKeyword("LIKE")) {
                Token pattern = next();
                if (pattern.kind != Kind.STRING) {
                    throw unexpected(pattern);
                }
                if (!field.type().textual()) {
                    throw FakeSalesforceError.badRequest("INVALID_FIELD", "invalid operator on "
                            + field.type().describeName + " field: " + field.name() + " LIKE");
                }
                Pattern regex = like(pattern.text);
                return record -> {
                    Object value = record.get(field);
                    return value != null && regex.matcher(value.toString()).matches();
                };
            }
            boolean negated = acceptKeyword("NOT");
            if (negated || peek().is("IN")) {
                keyword("IN");
                expect(Kind.LPAREN);
                List<Literal> values = new ArrayList<>();
                do {
                    values.add(literal(field));
                } while (accept(Kind.COMMA));
                expect(Kind.RPAREN);
                Predicate<Record> in = record -> {
                    Comparable<?> key = key(field, record.get(field));
                    return values.stream().anyMatch(v -> v.key == null ? key == null
                            : key != null && compare(key, v.key) == 0);
                };
                return negated ? in.negate() : in;
            }
            Token op = next();
            if (op.kind != Kind.OP) {
                throw unexpected(op);
            }
            Literal literal = literal(field);
            String operator = op.text;
            return record -> test(key(field, record.get(field)), operator, literal.key);
        }

        private boolean test(Comparable<?> value, String operator, Comparable<?> literal) {
            return switch (operator) {
                case "=" -> literal == null ? value == null : value != null && compare(value, literal) == 0;
                case "!=", "<>" -> literal == null ? value != null : value == null || compare(value, literal) != 0;
                case "<" -> value != null && literal != null && compare(value, literal) < 0;
                case "<=" -> value != null && literal != null && compare(value, literal) <= 0;
                case ">" -> value != null && literal != null && compare(value, literal) > 0;
                case ">=" -> value != null && literal != null && compare(value, literal) >= 0;
                default -> throw FakeSalesforceError.malformedQuery("unexpected token: '" + operator + "'");
            };
        }

        /** The next token as a literal of the field's type, with Salesforce's quoting rules. */
        private Literal literal(Field field) {
            Token token = next();
            if (token.is("null")) {
                return new Literal(Kind.WORD, "null", null);
            }
            FieldType ft = field.type();
            String expected;
            Comparable<?> key = null;
            if (ft.textual()) {
                expected = "string and should be enclosed in quotes";
                if (token.kind == Kind.STRING) {
                    String text = token.text;
                    if ((ft == FieldType.ID || ft == FieldType.REFERENCE) && FakeSalesforceJson.isId(text)) {
                        text = FakeSalesforceJson.normalizeId(text);
                    }
                    key = text.toLowerCase(Locale.ROOT);
                }
            } else if (ft.numeric()) {
                expected = "double and should not be enclosed in quotes";
                key = token.kind == Kind.NUMBER ? new BigDecimal(token.text) : null;
            } else if (ft == FieldType.BOOLEAN) {
                expected = "boolean and should not be enclosed in quotes";
                key = token.is("true") ? Boolean.TRUE : token.is("false") ? Boolean.FALSE : null;
            } else if (ft == FieldType.DATETIME) {
                expected = "dateTime and should not be enclosed in quotes";
                key = token.kind == Kind.DATETIME ? FakeSalesforceJson.parseDateTime(token.text) : null;
            } else {
                expected = "date and should not be enclosed in quotes";
                key = token.kind == Kind.DATE ? LocalDate.parse(token.text) : null;
            }
            if (key == null) {
                if (token.kind == Kind.END || token.kind == Kind.OP || token.kind == Kind.COMMA
                        || token.kind == Kind.LPAREN || token.kind == Kind.RPAREN
                        || (token.kind == Kind.WORD && !token.is("true") && !token.is("false"))) {
                    throw unexpected(token);
                }
                throw FakeSalesforceError.badRequest("INVALID_FIELD", "value of filter criterion for field '"
                        + field.name() + "' must be of type " + expected);
            }
            return new Literal(token.kind, token.text, key);
        }

        private Comparator<Record> orderItems() {
            Comparator<Record> order = null;
            do {
                Token name = next();
                if (name.kind != Kind.WORD || RESERVED.contains(name.text.toLowerCase(Locale.ROOT))) {
                    throw unexpected(name);
                }
                Field field = field(name.text);
                boolean descending = acceptKeyword("DESC");
                if (!descending) {
                    acceptKeyword("ASC");
                }
                boolean nullsFirst = !descending;
                if (acceptKeyword("NULLS")) {
                    if (acceptKeyword("FIRST")) {
                        nullsFirst = true;
                    } else {
                        keyword("LAST");
                        nullsFirst = false;
                    }
                }
                Comparator<Comparable<?>> values = FakeSalesforceQuery::compare;
                if (descending) {
                    values = values.reversed();
                }
                values = nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
                Comparator<Record> next = Comparator.comparing(record -> key(field, record.get(field)), values);
                order = order == null ? next : order.thenComparing(next);
            } while (accept(Kind.COMMA));
            return order;
        }

        private int count() {
            Token token = next();
            if (token.kind != Kind.NUMBER || token.text.contains(".") || token.text.startsWith("-")) {
                throw unexpected(token);
            }
            try {
                return Integer.parseInt(token.text);
            } catch (NumberFormatException e) {
                throw unexpected(token);
            }
        }

        private Field field(String name) {
            Field field = type.field(name);
            if (field != null) {
                return field;
            }
            if (name.contains(".")) {
                throw FakeSalesforceError.badRequest("INVALID_FIELD", "Didn't understand relationship '"
                        + name.substring(0, name.indexOf('.')) + "' in field path. If you are attempting to use a "
                        + "custom relationship, be sure to append the '__r' after the custom relationship name. "
                        + "Please reference your WSDL or the describe call for the appropriate names.");
            }
            throw FakeSalesforceError.badRequest("INVALID_FIELD", "No such column '" + name + "' on entity '"
                    + type.name + "'. If you are attempting to use a custom field, be sure to append the '__c' after "
                    + "the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token next() {
            Token token = tokens.get(at);
            if (token.kind != Kind.END) {
                at++;
            }
            return token;
        }

        private boolean accept(Kind kind) {
            if (peek().kind == kind) {
                at++;
                return true;
            }
            return false;
        }

        private boolean acceptKeyword(String keyword) {
            if (peek().is(keyword)) {
                at++;
                return true;
            }
            return false;
        }

        private void keyword(String keyword) {
            Token token = next();
            if (!token.is(keyword)) {
                throw unexpected(token);
            }
        }

        private void expect(Kind kind) {
            Token token = next();
            if (token.kind != kind) {
                throw unexpected(token);
            }
        }

        private FakeSalesforceError unexpected(Token token) {
            return FakeSalesforceError.malformedQuery(token.kind == Kind.END ? "unexpected token: <EOF>"
                    : "unexpected token: '" + token.text + "'");
        }
    }

    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static List<Token> tokenize(String soql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = soql.length();
        while (i < n) {
            char c = soql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                boolean closed = false;
                while (j < n) {
                    char d = soql.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        char e = soql.charAt(j + 1);
                        switch (e) {
                            case 'n' -> text.append('\n');
                            case 'r' -> text.append('\r');
                            case 't' -> text.append('\t');
                            case 'b' -> text.append('\b');
                            case 'f' -> text.append('\f');
                            case '%', '_' -> text.append('\\').append(e);
                            default -> text.append(e);
                        }
                        j += 2;
                    } else if (d == '\'') {
                        closed = true;
                        j++;
                        break;
                    } else {
                        text.append(d);
                        j++;
                    }
                }
                if (!closed) {
                    throw FakeSalesforceError.malformedQuery("unterminated string literal starting at " + i);
                }
                tokens.add(new Token(Kind.STRING, text.toString()));
                i = j;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(soql.charAt(i + 1)))) {
                Matcher m = DATETIME.matcher(soql).region(i, n);
                Kind kind;
                if (m.lookingAt()) {
                    kind = Kind.DATETIME;
                } else if ((m = DATE.matcher(soql).region(i, n)).lookingAt()) {
                    kind = Kind.DATE;
                } else if ((m = NUMBER.matcher(soql).region(i, n)).lookingAt()) {
                    kind = Kind.NUMBER;
                } else {
                    throw FakeSalesforceError.malformedQuery("unexpected token: '" + c + "'");
                }
                tokens.add(new Token(kind, m.group()));
                i = m.end();
            } else if (Character.isLetter(c) || c == '_') {
                Matcher m = WORD.matcher(soql).region(i, n);
                m.lookingAt();
                tokens.add(new Token(Kind.WORD, m.group()));
                i = m.end();
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ","));
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.LPAREN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.RPAREN, ")"));
                i++;
            } else {
                String two = i + 1 < n ? soql.substring(i, i + 2) : "";
                if (two.equals("!=") || two.equals("<>") || two.equals("<=") || two.equals(">=")) {
                    tokens.add(new Token(Kind.OP, two));
                    i += 2;
                } else if (c == '=' || c == '<' || c == '>') {
                    tokens.add(new Token(Kind.OP, String.valueOf(c)));
                    i++;
                } else {
                    throw FakeSalesforceError.malformedQuery("unexpected token: '" + c + "'");
                }
            }
        }
        tokens.add(new Token(Kind.END, ""));
        return tokens;
    }
}
