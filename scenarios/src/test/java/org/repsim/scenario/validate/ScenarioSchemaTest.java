package org.repsim.scenario.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.repsim.scenario.spec.Default;
import org.repsim.scenario.spec.Keys;
import org.repsim.scenario.spec.Scenario;
import org.repsim.scenario.spec.ScenarioException;

class ScenarioSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(ScenarioSchema.generate());

    static Stream<Path> examples() throws IOException {
        return Examples.files().stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidatesAgainstTheSchema(Path file) throws IOException {
        Set<ValidationMessage> errors = SCHEMA.validate(MAPPER.readTree(Files.readString(file)));
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theResolvedFormOfEveryExampleValidatesAgainstTheSchema(Path file) throws ScenarioException {
        assertThat(SCHEMA.validate(Scenarios.load(file).toResolvedJson())).isEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() throws IOException {
        JsonNode minimal = MAPPER.readTree(Fixtures.MINIMAL);
        assertThat(SCHEMA.validate(minimal)).isEmpty();
        for (String bad : List.of(
                Fixtures.with("\"bandwidth\": \"1 Gbit/s\" },", "\"bandwith\": \"1 Gbit/s\" },"),
                Fixtures.with("\"1 min\"", "60"),
                Fixtures.with("\"1 min\"", "\"1 mins\""),
                Fixtures.with("\"mode\": \"cycle\"", "\"mode\": \"cylce\""),
                Fixtures.with("\"rate\": \"1000/s\" }", "\"rate\": \"1000/s\" }, \"writeFraction\": 1.5"),
                Fixtures.with("\"rate\": \"1000/s\" }", "\"rate\": \"1000/s\", \"streams\": 3 }"))) {
            assertThat(SCHEMA.validate(MAPPER.readTree(bad))).as(bad).isNotEmpty();
        }
    }

    @Test
    void theSchemaDescribesSweepVariants() throws IOException {
        String good = Fixtures.with("\"workloads\"", "\"sweep\": { \"variants\": [ { \"name\": \"sync\", "
                + "\"set\": { \"replication.mode\": \"sync\" } } ] },\n  \"workloads\"");
        assertThat(SCHEMA.validate(MAPPER.readTree(good))).isEmpty();
        for (String bad : List.of(good.replace("\"name\": \"sync\", ", ""), good.replace("\"set\"", "\"sets\""),
                good.replace("\"name\": \"sync\"", "\"name\": \"a b\""))) {
            assertThat(SCHEMA.validate(MAPPER.readTree(bad))).as(bad).isNotEmpty();
            assertThat(Fixtures.problems(bad)).as(bad).isNotEmpty();
        }
    }

    @Test
    void theSchemaHasEveryRecordKeyWithItsDefault() {
        ObjectNode schema = ScenarioSchema.generate();
        List<String> missing = new ArrayList<>();
        walk(Scenario.class, schema, schema, missing);
        assertThat(missing).isEmpty();
    }

    /** Every component of every record reachable from Scenario has a schema property with the record's default. */
    private static void walk(Class<?> type, JsonNode objectSchema, ObjectNode root, List<String> missing) {
        if (objectSchema.has("prefixItems")) {
            assertThat(objectSchema.get("prefixItems")).as(type.getName()).hasSize(type.getRecordComponents().length);
            return;
        }
        JsonNode properties = objectSchema.get("properties");
        Set<String> keys = new java.util.LinkedHashSet<>();
        properties.fieldNames().forEachRemaining(keys::add);
        keys.remove("$schema");
        keys.remove("like");
        assertThat(keys).as(type.getName()).containsExactlyElementsOf(Keys.components(type).keySet());
        for (RecordComponent c : type.getRecordComponents()) {
            JsonNode property = properties.get(Keys.key(c));
            Default d = c.getAnnotation(Default.class);
            if (d != null && !Binder.defaultNode(d).equals(property.get("default"))) {
                missing.add(type.getSimpleName() + "." + Keys.key(c) + " default");
            }
            Class<?> raw = Keys.raw(c.getGenericType());
            if (List.class.isAssignableFrom(raw)) {
                raw = Keys.raw(Keys.argument(c.getGenericType(), 0));
                property = property.get("items");
            }
            if (raw.isRecord() && property.has("$ref")) {
                walk(raw, resolve(root, property.get("$ref").asText()), root, missing);
            }
            if (Keys.isVariantFamily(raw)) {
                Iterator<JsonNode> variants = resolve(root, property.get("$ref").asText()).get("oneOf").elements();
                for (Class<?> v : Keys.variants(raw).values()) {
                    JsonNode vs = variants.next();
                    while (!vs.has("properties")) {
                        vs = variants.next();
                    }
                    ObjectNode withoutDiscriminator = vs.deepCopy();
                    ((ObjectNode) withoutDiscriminator.get("properties")).remove(Keys.discriminator(raw));
                    walk(v, withoutDiscriminator, root, missing);
                }
            }
        }
    }

    private static JsonNode resolve(ObjectNode root, String ref) {
        return root.at(ref.substring(1));
    }
}
