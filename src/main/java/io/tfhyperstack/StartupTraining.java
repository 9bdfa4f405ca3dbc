package io.tfhyperstack;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.tfhyperstack.plugin.CdsTraining;
import io.tfhyperstack.protocol.tfplugin6.ProviderGrpc;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.DynamicValue;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.GetProviderSchema;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.PlanResourceChange;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.Schema;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateDataResourceConfig;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateProviderConfig;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateResourceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The class-data sharing training run of the provider (see {@link CdsTraining}): besides the plugin's
 * own handshake, health and Shutdown, it asks the provider what Terraform's walks ask first:
 * GetProviderSchema, validation of the provider and of every resource and data source, and a create
 * plan for every resource. The configurations are all-null objects: answers with diagnostics are
 * expected and fine, the point is the code paths the archive then holds, not the results.
 *
 * <p>Usage: {@code java -cp <jar> io.tfhyperstack.StartupTraining <plugin command line...>}; the
 * launcher runs it ({@code terraform-provider-hyperstack --make-cds-archive}).
 */
public final class StartupTraining {
    private static final long RPC_DEADLINE_SECONDS = 30;

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(CdsTraining.run(args, StartupTraining::exerciseProvider));
    }

    private static void exerciseProvider(Channel channel) {
        ProviderGrpc.ProviderBlockingStub provider = ProviderGrpc.newBlockingStub(channel);
        GetProviderSchema.Response schemas = deadline(provider)
                .getProviderSchema(GetProviderSchema.Request.getDefaultInstance());
        ignoringErrors(() -> deadline(provider).validateProviderConfig(ValidateProviderConfig.Request.newBuilder()
                .setConfig(allNull(schemas.getProvider())).build()));
        schemas.getResourceSchemasMap().forEach((type, schema) -> {
            DynamicValue config = allNull(schema);
            ignoringErrors(() -> deadline(provider).validateResourceConfig(ValidateResourceConfig.Request.newBuilder()
                    .setTypeName(type).setConfig(config).build()));
            ignoringErrors(() -> deadline(provider).planResourceChange(PlanResourceChange.Request.newBuilder()
                    .setTypeName(type).setPriorState(nullValue()).setProposedNewState(config).setConfig(config)
                    .build()));
        });
        schemas.getDataSourceSchemasMap().forEach((type, schema) -> ignoringErrors(() -> deadline(provider)
                .validateDataResourceConfig(ValidateDataResourceConfig.Request.newBuilder()
                        .setTypeName(type).setConfig(allNull(schema)).build())));
    }

    private static ProviderGrpc.ProviderBlockingStub deadline(ProviderGrpc.ProviderBlockingStub provider) {
        return provider.withDeadlineAfter(RPC_DEADLINE_SECONDS, TimeUnit.SECONDS);
    }

    /** An RPC that fails still loaded what it touched, which is all the training wants. */
    private static void ignoringErrors(Runnable rpc) {
        try {
            rpc.run();
        } catch (StatusRuntimeException e) {
            System.err.println("cds training: " + e.getStatus());
        }
    }

    /** An object of the schema's top-level block with every attribute and nested block null. */
    private static DynamicValue allNull(Schema schema) {
        Schema.Block block = schema.getBlock();
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            packer.packMapHeader(block.getAttributesCount() + block.getBlockTypesCount());
            for (Schema.Attribute attribute : block.getAttributesList()) {
                packer.packString(attribute.getName()).packNil();
            }
            for (Schema.NestedBlock nested : block.getBlockTypesList()) {
                packer.packString(nested.getTypeName()).packNil();
            }
            return DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(packer.toByteArray())).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DynamicValue nullValue() {
        return DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(new byte[] {(byte) 0xc0})).build();
    }
}
