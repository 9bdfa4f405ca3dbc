package io.tfhyperstack.docs;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.NestedBlock;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.server.ProviderSchemas;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.MapType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.validator.Validator;
import io.tfhyperstack.framework.planmodifier.PlanModifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the Terraform Registry's documentation layout (index.md, resources/, data-sources/) from
 * the schemas' Markdown descriptions and the files under {@code examples/}. The schema is the one
 * source of truth; the test suite regenerates the docs and fails when the committed ones differ.
 */
public final class RegistryDocs {
    private final String providerName;
    private final ProviderSchemas schemas;
    private final Path examples;

    public RegistryDocs(String providerName, ProviderSchemas schemas, Path examples) {
        this.providerName = providerName;
        this.schemas = schemas;
        this.examples = examples;
    }

    /** Every docs file, by path relative to the docs directory. */
    public Map<String, String> render() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("index.md", index());
        schemas.resources().forEach((name, schema) ->
                files.put("resources/" + shortName(name) + ".md", page(name, schema, "Resource", "resources")));
        schemas.dataSources().forEach((name, schema) ->
                files.put("data-sources/" + shortName(name) + ".md", page(name, schema, "Data Source", "data-sources")));
        return files;
    }

    public void write(Path docsDir) {
        render().forEach((relative, content) -> {
            Path file = docsDir.resolve(relative);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String index() {
        StringBuilder sb = new StringBuilder();
        Block block = schemas.provider().block();
        sb.append("---\n")
                .append("page_title: \"").append(providerName).append(" Provider\"\n")
                .append("description: |-\n  ").append(firstSentence(block.description())).append("\n")
                .append("---\n\n")
                .append("# ").append(providerName).append(" Provider\n\n")
                .append(block.description()).append("\n\n");
        example(sb, "provider/provider.tf", "terraform");
        sb.append(schemaSection(block, "## Schema"));
        return sb.toString();
    }

    private String page(String typeName, Schema schema, String kind, String exampleDir) {
        StringBuilder sb = new StringBuilder();
        Block block = schema.block();
        sb.append("---\n")
                .append("page_title: \"").append(typeName).append(" ").append(kind).append(" - terraform-provider-")
                .append(providerName).append("\"\n")
                .append("subcategory: \"\"\n")
                .append("description: |-\n  ").append(firstSentence(block.description())).append("\n")
                .append("---\n\n")
                .append("# ").append(typeName).append(" (").append(kind).append(")\n\n")
                .append(block.description()).append("\n\n");
        String file = "data-sources".equals(exampleDir) ? "data-source.tf" : "resource.tf";
        example(sb, exampleDir + "/" + typeName + "/" + file, "terraform");
        sb.append(schemaSection(block, "## Schema"));
        Path importScript = examples.resolve(exampleDir).resolve(typeName).resolve("import.sh");
        if (Files.exists(importScript)) {
            sb.append("\n## Import\n\nImport is supported using the following syntax:\n\n```shell\n")
                    .append(read(importScript).strip()).append("\n```\n");
        }
        return sb.toString();
    }

    private void example(StringBuilder sb, String relative, String language) {
        Path file = examples.resolve(relative);
        if (Files.exists(file)) {
            sb.append("## Example Usage\n\n```").append(language).append("\n")
                    .append(read(file).strip()).append("\n```\n\n");
        }
    }

    private String schemaSection(Block block, String heading) {
        StringBuilder sb = new StringBuilder(heading).append("\n\n");
        group(sb, "Required", block, Kind.REQUIRED);
        group(sb, "Optional", block, Kind.OPTIONAL);
        group(sb, "Read-Only", block, Kind.READ_ONLY);
        for (Attribute a : block.attributes()) {
            if (a.nested() != null) {
                sb.append("\n<a id=\"nestedatt--").append(a.name()).append("\"></a>\n")
                        .append(schemaSection(Block.of(a.nested().attributes()),
                                "### Nested Schema for `" + a.name() + "`").strip())
                        .append("\n");
            }
        }
        for (NestedBlock b : block.blocks()) {
            sb.append("\n<a id=\"nestedblock--").append(b.typeName()).append("\"></a>\n")
                    .append(schemaSection(b.block(), "### Nested Schema for `" + b.typeName() + "`").strip())
                    .append("\n");
        }
        return sb.toString();
    }

    private enum Kind { REQUIRED, OPTIONAL, READ_ONLY }

    private void group(StringBuilder sb, String title, Block block, Kind kind) {
        List<String> lines = new ArrayList<>();
        for (Attribute a : block.attributes()) {
            Kind k = a.mode().required() ? Kind.REQUIRED : a.mode().optional() ? Kind.OPTIONAL : Kind.READ_ONLY;
            if (k == kind) {
                lines.add(attributeLine(a));
            }
        }
        for (NestedBlock b : block.blocks()) {
            Kind k = b.minItems() > 0 ? Kind.REQUIRED : Kind.OPTIONAL;
            if (k == kind) {
                lines.add("- `" + b.typeName() + "` (Block" + (b.nesting().name().equals("SINGLE") ? "" : " "
                        + b.nesting().name().toLowerCase(Locale.ROOT)) + ") " + firstLine(b.block().description())
                        + " (see [below for nested schema](#nestedblock--" + b.typeName() + "))");
            }
        }
        if (!lines.isEmpty()) {
            sb.append("### ").append(title).append("\n\n");
            lines.forEach(l -> sb.append(l).append("\n"));
            sb.append("\n");
        }
    }

    private String attributeLine(Attribute a) {
        StringBuilder sb = new StringBuilder("- `").append(a.name()).append("` (")
                .append(a.nested() != null ? nestedTypeName(a.nested()) : typeName(a.type()));
        if (a.sensitive()) {
            sb.append(", Sensitive");
        }
        if (a.writeOnly()) {
            sb.append(", Write-only");
        }
        if (a.deprecated()) {
            sb.append(", Deprecated");
        }
        sb.append(") ").append(a.description().strip());
        List<String> notes = new ArrayList<>();
        for (Validator v : a.validators()) {
            notes.add("Value " + v.description() + ".");
        }
        String said = a.description().toLowerCase(java.util.Locale.ROOT);
        // a description that already explains replacement or the default says it better than the
        // generic note would
        for (PlanModifier m : a.planModifiers()) {
            if (!(m instanceof io.tfhyperstack.framework.planmodifier.UseStateForUnknown) && !said.contains("replac")) {
                notes.add(m.description());
            }
        }
        if (a.defaultValue() != null && !said.contains("default")) {
            notes.add("Defaults to `" + a.defaultValue() + "`.");
        }
        for (String note : notes) {
            if (!sb.toString().contains(note)) {
                sb.append(" ").append(note);
            }
        }
        if (a.nested() != null) {
            sb.append(" (see [below for nested schema](#nestedatt--").append(a.name()).append("))");
        }
        return sb.toString();
    }

    private static String nestedTypeName(Attribute.NestedAttributes nested) {
        return switch (nested.nesting()) {
            case SINGLE, GROUP -> "Attributes";
            case LIST -> "Attributes List";
            case SET -> "Attributes Set";
            case MAP -> "Attributes Map";
        };
    }

    static String typeName(Type t) {
        if (t instanceof ListType l) {
            return "List of " + typeName(l.element());
        }
        if (t instanceof SetType s) {
            return "Set of " + typeName(s.element());
        }
        if (t instanceof MapType m) {
            return "Map of " + typeName(m.element());
        }
        if (t instanceof ObjectType) {
            return "Object";
        }
        if (t.equals(Type.STRING)) {
            return "String";
        }
        if (t.equals(Type.NUMBER)) {
            return "Number";
        }
        if (t.equals(Type.BOOL)) {
            return "Boolean";
        }
        return "Dynamic";
    }

    private static String shortName(String typeName) {
        int underscore = typeName.indexOf('_');
        return underscore < 0 ? typeName : typeName.substring(underscore + 1);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String firstSentence(String s) {
        String line = firstLine(s);
        int dot = line.indexOf(". ");
        return dot < 0 ? line : line.substring(0, dot + 1);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
