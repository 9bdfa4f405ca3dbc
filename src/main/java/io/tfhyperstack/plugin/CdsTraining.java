package io.tfhyperstack.plugin;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.tfhyperstack.plugin.tls.SelfSignedCertificate;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.DynamicValue;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.GetProviderSchema;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.PlanResourceChange;
import io.tfhyperstack.protocol.tfplugin6.ProviderGrpc;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.Schema;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateDataResourceConfig;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateProviderConfig;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateResourceConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Drives one short plugin life, as Terraform would, so that the plugin process can record the classes
 * a start-up and the first RPCs load (JDK 17's -XX:ArchiveClassesAtExit). Later starts map those
 * classes from the archive instead of loading and verifying them one by one.
 *
 * <p>The plugin runs as a child process with exactly the command line the launcher uses (the class
 * path must match, or the JVM ignores the archive), so the archive holds what a real plugin loads:
 * {@code Main}, the real provider service, stdout guarding, signals. This process is only the client;
 * its own classes (the gRPC client, the client side of TLS) stay out of the archive, which keeps it
 * smaller and so cheaper to map.
 *
 * <p>The client does what Terraform's walks do first: handshake with AutoMTLS against a P-521 client
 * certificate, health, GetProviderSchema, validation of the provider and of every resource and data
 * source, a create plan for every resource, then Shutdown. The configurations are all-null objects:
 * answers with diagnostics are expected and fine, the point is the code paths, not the results.
 *
 * <p>Usage: {@code java -cp <jar> io.tfhyperstack.plugin.CdsTraining <plugin command line...>}, where
 * the plugin command line includes {@code -XX:ArchiveClassesAtExit=<file>}. The launcher builds it
 * ({@code terraform-provider-hyperstack --make-cds-archive}). Exit code 0 when the plugin exited
 * normally after Shutdown, so that its archive was written.
 */
public final class CdsTraining {
    private static final long RPC_DEADLINE_SECONDS = 30;

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: CdsTraining <plugin command line...>");
            System.exit(2);
        }
        SelfSignedCertificate client = SelfSignedCertificate.generate("localhost", "secp521r1", new SecureRandom());
        ProcessBuilder builder = new ProcessBuilder(Arrays.asList(args));
        Map<String, String> environment = builder.environment();
        environment.put(MagicCookie.NAME, MagicCookie.VALUE);
        environment.put(ProtocolVersions.VARIABLE, "6");
        environment.put(PluginMain.CLIENT_CERT_VARIABLE, client.pem());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process plugin = builder.start();
        try {
            String handshake = new BufferedReader(
                    new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (handshake == null) {
                System.err.println("cds training: the plugin printed no handshake line");
                System.exit(plugin.waitFor() == 0 ? 2 : plugin.exitValue());
            }
            drainInBackground(plugin);
            try (LocalPluginClient connection = LocalPluginClient.connect(handshake, client)) {
                connection.health(HealthService.PLUGIN);
                exerciseProvider(ProviderGrpc.newBlockingStub(connection.channel()));
                connection.shutdownPlugin();
            }
            // The archive is written while the plugin exits; that takes a few seconds.
            if (!plugin.waitFor(120, TimeUnit.SECONDS)) {
                System.err.println("cds training: the plugin did not exit after Shutdown");
                System.exit(3);
            }
            System.exit(plugin.exitValue() == 0 ? 0 : 3);
        } finally {
            plugin.destroy();
        }
    }

    private static void exerciseProvider(ProviderGrpc.ProviderBlockingStub provider) {
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

    /** Keeps the plugin from blocking on a full stdout pipe; nothing after the handshake matters here. */
    private static void drainInBackground(Process plugin) {
        Thread drain = new Thread(() -> {
            try {
                plugin.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the plugin has gone
            }
        }, "plugin-stdout");
        drain.setDaemon(true);
        drain.start();
    }
}
