package io.tfhyperstack.protocol;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tfhyperstack.e2e.thing.ThingResource;
import io.tfhyperstack.e2e.thing.ThingStore;
import io.tfhyperstack.framework.codec.MsgpackCodec;
import io.tfhyperstack.framework.server.ProviderServer;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.protocol.tfplugin6.ProviderGrpc;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6;
import io.tfhyperstack.provider.HyperstackProvider;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tfplugin6 service called with real protobuf requests over an in-process channel. */
class ProviderServiceTest {
    @TempDir
    Path dir;

    private Server server;
    private ManagedChannel channel;
    private ProviderGrpc.ProviderBlockingStub stub;
    private ProviderServer engine;
    private ObjectType thingType;

    @BeforeEach
    void setUp() throws Exception {
        ThingResource thing = new ThingResource(new ThingStore(dir.resolve("store")));
        thingType = thing.schema().type();
        engine = new ProviderServer(new HyperstackProvider(List.of(thing)));
        String name = InProcessServerBuilder.generateName();
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(new ProviderService(engine)).build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        stub = ProviderGrpc.newBlockingStub(channel);
    }

    @AfterEach
    void tearDown() {
        channel.shutdownNow();
        server.shutdownNow();
    }

    private Tfplugin6.DynamicValue dv(Value v) {
        return Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(MsgpackCodec.encode(v, thingType))).build();
    }

    private Value decode(Tfplugin6.DynamicValue v) {
        return MsgpackCodec.decode(v.getMsgpack().toByteArray(), thingType);
    }

    @Test
    void schemaAdvertisesCapabilitiesAndSensitiveKey() {
        var r = stub.getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance());
        assertTrue(r.getServerCapabilities().getGetProviderSchemaOptional());
        assertFalse(r.getServerCapabilities().getPlanDestroy());
        var apiKey = r.getProvider().getBlock().getAttributesList().stream()
                .filter(a -> a.getName().equals("api_key")).findFirst().orElseThrow();
        assertTrue(apiKey.getSensitive());
        assertTrue(apiKey.getOptional());
        assertEquals(Tfplugin6.StringKind.MARKDOWN, apiKey.getDescriptionKind());
        assertTrue(r.containsResourceSchemas("hyperstack_test_thing"));
        var nameAttr = r.getResourceSchemasOrThrow("hyperstack_test_thing").getBlock().getAttributesList().stream()
                .filter(a -> a.getName().equals("tags")).findFirst().orElseThrow();
        assertEquals("[\"set\",\"string\"]", nameAttr.getType().toStringUtf8());
        assertEquals(0, r.getDiagnosticsCount());
    }

    @Test
    void planOfACreateWithATerraformRefinedUnknown() {
        // name is unknown but refined as not null, as Terraform 1.11 sends a value that depends
        // on another resource: ext type 12 with payload {1: false}
        byte[] refinedUnknown = HexFormat.of().parseHex("c7030c8101c2");
        Value config = Value.object(thingType, Map.of("name", Value.string("placeholder")));
        byte[] bytes = MsgpackCodec.encode(config, thingType);
        byte[] placeholder = MsgpackCodec.encode(Value.string("placeholder"), io.tfhyperstack.framework.types.Type.STRING);
        byte[] withUnknown = replace(bytes, placeholder, refinedUnknown);
        var configDv = Tfplugin6.DynamicValue.newBuilder().setMsgpack(ByteString.copyFrom(withUnknown)).build();

        var r = stub.planResourceChange(Tfplugin6.PlanResourceChange.Request.newBuilder()
                .setTypeName("hyperstack_test_thing")
                .setPriorState(dv(Value.nullOf(thingType)))
                .setProposedNewState(configDv)
                .setConfig(configDv)
                .build());
        assertEquals(0, r.getDiagnosticsCount(), r.getDiagnosticsList().toString());
        Value planned = decode(r.getPlannedState());
        assertTrue(planned.attribute("name").isUnknown());
        assertTrue(planned.attribute("id").isUnknown());
        assertEquals(Value.string("hello"), planned.attribute("greeting"));
        // unknowns go back to Terraform as d4 00 00
        assertTrue(HexFormat.of().formatHex(r.getPlannedState().getMsgpack().toByteArray()).contains("d40000"));
    }

    @Test
    void applyCreateReturnsAWhollyKnownState() {
        Value config = Value.object(thingType, Map.of("name", Value.string("a")));
        var plan = stub.planResourceChange(Tfplugin6.PlanResourceChange.Request.newBuilder()
                .setTypeName("hyperstack_test_thing").setPriorState(dv(Value.nullOf(thingType)))
                .setProposedNewState(dv(config)).setConfig(dv(config)).build());
        var apply = stub.applyResourceChange(Tfplugin6.ApplyResourceChange.Request.newBuilder()
                .setTypeName("hyperstack_test_thing").setPriorState(dv(Value.nullOf(thingType)))
                .setPlannedState(plan.getPlannedState()).setConfig(dv(config)).build());
        assertEquals(0, apply.getDiagnosticsCount(), apply.getDiagnosticsList().toString());
        Value state = decode(apply.getNewState());
        assertTrue(state.isWhollyKnown());
        assertEquals(Value.string("thing-1"), state.attribute("id"));
    }

    /**
     * A create that succeeded must never be forgotten, even when its answer cannot be built: Terraform
     * gets the id with the error (and so taints it), not the prior null state.
     */
    @Test
    void aCreatedObjectWhoseAnswerCannotBeBuiltKeepsItsIdInState() {
        int[] calls = {0};
        ProviderService service = new ProviderService(engine, (state, type) -> {
            if (calls[0]++ == 0) {
                throw new IllegalStateException("the full state cannot be written");
            }
            return WireValues.encode(state, type);
        });
        Value config = Value.object(thingType, Map.of("name", Value.string("a")));
        var plan = stub.planResourceChange(Tfplugin6.PlanResourceChange.Request.newBuilder()
                .setTypeName("hyperstack_test_thing").setPriorState(dv(Value.nullOf(thingType)))
                .setProposedNewState(dv(config)).setConfig(dv(config)).build());
        List<Tfplugin6.ApplyResourceChange.Response> answers = new ArrayList<>();
        service.applyResourceChange(Tfplugin6.ApplyResourceChange.Request.newBuilder()
                .setTypeName("hyperstack_test_thing").setPriorState(dv(Value.nullOf(thingType)))
                .setPlannedState(plan.getPlannedState()).setConfig(dv(config)).build(), new RecordingObserver<>(answers));
        assertEquals(1, answers.size());
        var answer = answers.get(0);
        assertEquals(1, answer.getDiagnosticsCount(), "the failure is reported");
        assertFalse(answer.getDiagnostics(0).getDetail().contains("IllegalStateException"),
                answer.getDiagnostics(0).getDetail());
        Value state = decode(answer.getNewState());
        assertFalse(state.isNull(), "the created object is not forgotten");
        assertEquals(Value.string("thing-1"), state.attribute("id"));
    }

    /** Collects a unary call's answers; a failed call fails the test. */
    private record RecordingObserver<T>(List<T> answers) implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
            answers.add(value);
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void onCompleted() {
        }
    }

    @Test
    void unknownTypeIsADiagnosticNotAFailedCall() {
        var r = stub.readResource(Tfplugin6.ReadResource.Request.newBuilder().setTypeName("hyperstack_nope").build());
        assertEquals(1, r.getDiagnosticsCount());
        assertEquals(Tfplugin6.Diagnostic.Severity.ERROR, r.getDiagnostics(0).getSeverity());
        assertTrue(r.getDiagnostics(0).getDetail().contains("hyperstack_nope"));
    }

    @Test
    void validationErrorCarriesTheAttributePath() {
        Value config = Value.object(thingType, Map.of("name", Value.string("x".repeat(30))));
        var r = stub.validateResourceConfig(Tfplugin6.ValidateResourceConfig.Request.newBuilder()
                .setTypeName("hyperstack_test_thing").setConfig(dv(config)).build());
        assertEquals(1, r.getDiagnosticsCount());
        assertEquals("name", r.getDiagnostics(0).getAttribute().getSteps(0).getAttributeName());
    }

    @Test
    void writeOnlyAttributesAreMarkedAndRefusedForAClientThatDoesNotSaySoItSupportsThem() {
        var schema = stub.getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance())
                .getResourceSchemasOrThrow("hyperstack_test_thing").getBlock().getAttributesList();
        assertTrue(schema.stream().filter(a -> a.getName().equals("token_wo")).findFirst().orElseThrow().getWriteOnly());
        assertFalse(schema.stream().filter(a -> a.getName().equals("secret")).findFirst().orElseThrow().getWriteOnly());

        Value config = Value.object(thingType, Map.of("name", Value.string("a"), "token_wo", Value.string("tok")));
        var request = Tfplugin6.ValidateResourceConfig.Request.newBuilder()
                .setTypeName("hyperstack_test_thing").setConfig(dv(config));
        var older = stub.validateResourceConfig(request.build());
        assertEquals(1, older.getDiagnosticsCount(), older.getDiagnosticsList().stream().map(d -> d.getSummary()).toList().toString());
        assertEquals("token_wo", older.getDiagnostics(0).getAttribute().getSteps(0).getAttributeName());
        var saysNo = stub.validateResourceConfig(request.setClientCapabilities(
                Tfplugin6.ClientCapabilities.newBuilder().setDeferralAllowed(true)).build());
        assertEquals(1, saysNo.getDiagnosticsCount(), saysNo.getDiagnosticsList().stream().map(d -> d.getSummary()).toList().toString());
        var saysYes = stub.validateResourceConfig(request.setClientCapabilities(
                Tfplugin6.ClientCapabilities.newBuilder().setWriteOnlyAttributesAllowed(true)).build());
        assertEquals(0, saysYes.getDiagnosticsCount(), saysYes.getDiagnosticsList().stream().map(d -> d.getSummary()).toList().toString());
    }

    @Test
    void unusedRpcsAnswerCleanly() {
        assertEquals(0, stub.getFunctions(Tfplugin6.GetFunctions.Request.getDefaultInstance()).getFunctionsCount());
        var move = stub.moveResourceState(Tfplugin6.MoveResourceState.Request.newBuilder()
                .setSourceTypeName("a").setTargetTypeName("hyperstack_test_thing").build());
        assertEquals(Tfplugin6.Diagnostic.Severity.ERROR, move.getDiagnostics(0).getSeverity());
        var open = stub.openEphemeralResource(Tfplugin6.OpenEphemeralResource.Request.newBuilder()
                .setTypeName("x").build());
        assertEquals(1, open.getDiagnosticsCount());
        var call = stub.callFunction(Tfplugin6.CallFunction.Request.newBuilder().setName("f").build());
        assertTrue(call.getError().getText().contains("no function"));
        var meta = stub.getMetadata(Tfplugin6.GetMetadata.Request.getDefaultInstance());
        assertTrue(meta.getResourcesList().stream().anyMatch(m -> m.getTypeName().equals("hyperstack_test_thing")));
    }

    @Test
    void stopProviderTripsTheSignalAndKeepsServing() {
        stub.stopProvider(Tfplugin6.StopProvider.Request.getDefaultInstance());
        assertTrue(engine.stopSignal().isStopped());
        assertTrue(stub.getProviderSchema(Tfplugin6.GetProviderSchema.Request.getDefaultInstance()).hasProvider());
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] with) {
        String h = HexFormat.of().formatHex(haystack);
        String n = HexFormat.of().formatHex(needle);
        assertTrue(h.contains(n));
        return HexFormat.of().parseHex(h.replace(n, HexFormat.of().formatHex(with)));
    }
}
