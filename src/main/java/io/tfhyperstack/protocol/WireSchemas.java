package io.tfhyperstack.protocol;

import com.google.protobuf.ByteString;
import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.schema.Block;
import io.tfhyperstack.framework.schema.NestedBlock;
import io.tfhyperstack.framework.schema.NestingMode;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6;

import java.nio.charset.StandardCharsets;

/** Framework schemas in the protocol's shape. Descriptions are always sent as Markdown. */
final class WireSchemas {
    private WireSchemas() {
    }

    static Tfplugin6.Schema encode(Schema schema) {
        return Tfplugin6.Schema.newBuilder()
                .setVersion(schema.version())
                .setBlock(encodeBlock(schema.block(), schema.version()))
                .build();
    }

    private static Tfplugin6.Schema.Block encodeBlock(Block block, long version) {
        Tfplugin6.Schema.Block.Builder b = Tfplugin6.Schema.Block.newBuilder()
                .setVersion(version)
                .setDescription(block.description())
                .setDescriptionKind(Tfplugin6.StringKind.MARKDOWN)
                .setDeprecated(block.deprecated());
        for (Attribute a : block.attributes()) {
            b.addAttributes(encodeAttribute(a));
        }
        for (NestedBlock nested : block.blocks()) {
            b.addBlockTypes(Tfplugin6.Schema.NestedBlock.newBuilder()
                    .setTypeName(nested.typeName())
                    .setBlock(encodeBlock(nested.block(), 0))
                    .setNesting(blockNesting(nested.nesting()))
                    .setMinItems(nested.minItems())
                    .setMaxItems(nested.maxItems()));
        }
        return b.build();
    }

    private static Tfplugin6.Schema.Attribute encodeAttribute(Attribute a) {
        Tfplugin6.Schema.Attribute.Builder b = Tfplugin6.Schema.Attribute.newBuilder()
                .setName(a.name())
                .setDescription(a.description())
                .setDescriptionKind(Tfplugin6.StringKind.MARKDOWN)
                .setRequired(a.mode().required())
                .setOptional(a.mode().optional())
                .setComputed(a.mode().computed())
                .setSensitive(a.sensitive())
                .setWriteOnly(a.writeOnly())
                .setDeprecated(a.deprecated());
        if (a.nested() != null) {
            Tfplugin6.Schema.Object.Builder o = Tfplugin6.Schema.Object.newBuilder()
                    .setNesting(objectNesting(a.nested().nesting()));
            for (Attribute inner : a.nested().attributes()) {
                o.addAttributes(encodeAttribute(inner));
            }
            b.setNestedType(o);
        } else {
            b.setType(ByteString.copyFrom(a.type().toJson(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static Tfplugin6.Schema.NestedBlock.NestingMode blockNesting(NestingMode mode) {
        return switch (mode) {
            case SINGLE -> Tfplugin6.Schema.NestedBlock.NestingMode.SINGLE;
            case LIST -> Tfplugin6.Schema.NestedBlock.NestingMode.LIST;
            case SET -> Tfplugin6.Schema.NestedBlock.NestingMode.SET;
            case MAP -> Tfplugin6.Schema.NestedBlock.NestingMode.MAP;
            case GROUP -> Tfplugin6.Schema.NestedBlock.NestingMode.GROUP;
        };
    }

    private static Tfplugin6.Schema.Object.NestingMode objectNesting(NestingMode mode) {
        return switch (mode) {
            case SINGLE -> Tfplugin6.Schema.Object.NestingMode.SINGLE;
            case LIST -> Tfplugin6.Schema.Object.NestingMode.LIST;
            case SET -> Tfplugin6.Schema.Object.NestingMode.SET;
            case MAP -> Tfplugin6.Schema.Object.NestingMode.MAP;
            case GROUP -> throw new IllegalArgumentException("nested attributes cannot use GROUP nesting");
        };
    }
}
