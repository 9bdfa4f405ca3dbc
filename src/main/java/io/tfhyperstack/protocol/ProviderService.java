package io.tfhyperstack.protocol;

import io.grpc.stub.StreamObserver;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.server.ImportOutcome;
import io.tfhyperstack.framework.server.Outcome;
import io.tfhyperstack.framework.server.PlanOutcome;
import io.tfhyperstack.framework.server.ProviderSchemas;
import io.tfhyperstack.framework.server.ProviderServer;
import io.tfhyperstack.framework.text.FailureText;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.protocol.tfplugin6.ProviderGrpc;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ApplyResourceChange;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.CallFunction;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.DynamicValue;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.CloseEphemeralResource;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ConfigureProvider;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.FunctionError;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.GetFunctions;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.GetMetadata;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.GetProviderSchema;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ImportResourceState;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.MoveResourceState;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.OpenEphemeralResource;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.PlanResourceChange;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ReadDataSource;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ReadResource;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.RenewEphemeralResource;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ServerCapabilities;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.StopProvider;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.UpgradeResourceState;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateDataResourceConfig;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateEphemeralResourceConfig;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateProviderConfig;
import io.tfhyperstack.protocol.tfplugin6.Tfplugin6.ValidateResourceConfig;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tfplugin6 Provider service. Every RPC does the same three steps: decode the request into
 * framework values, ask the {@link ProviderServer}, encode the answer. Domain failures travel as
 * diagnostics; an exception that escapes anyway becomes an error diagnostic too, never a failed RPC,
 * so Terraform always shows our words.
 */
public final class ProviderService extends ProviderGrpc.ProviderImplBase {
    private static final ServerCapabilities CAPABILITIES = ServerCapabilities.newBuilder()
            // every process can answer without being asked for its schema first, so Terraform
            // may reuse the schema it already loaded instead of asking each new process again
            .setGetProviderSchemaOptional(true)
            .setPlanDestroy(false)
            .setMoveResourceState(false)
            .build();

    private final ProviderServer server;
    private final StateEncoder states;
    private volatile GetProviderSchema.Response schemaResponse;

    public ProviderService(ProviderServer server) {
        this(server, WireValues::encode);
    }

    /** With another encoder of new states, so that tests can make the answer to an apply fail. */
    ProviderService(ProviderServer server, StateEncoder states) {
        this.server = server;
        this.states = states;
    }

    /** Turns a resource's new state into its wire form. */
    interface StateEncoder {
        DynamicValue encode(Value state, Type type);
    }

    @Override
    public void getMetadata(GetMetadata.Request request, StreamObserver<GetMetadata.Response> out) {
        answer(out, () -> {
            ProviderSchemas schemas = server.schemas();
            GetMetadata.Response.Builder b = GetMetadata.Response.newBuilder().setServerCapabilities(CAPABILITIES);
            schemas.resources().keySet().forEach(name ->
                    b.addResources(GetMetadata.ResourceMetadata.newBuilder().setTypeName(name)));
            schemas.dataSources().keySet().forEach(name ->
                    b.addDataSources(GetMetadata.DataSourceMetadata.newBuilder().setTypeName(name)));
            return b.build();
        }, e -> GetMetadata.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void getProviderSchema(GetProviderSchema.Request request, StreamObserver<GetProviderSchema.Response> out) {
        answer(out, this::schemaResponse,
                e -> GetProviderSchema.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    /**
     * Builds and keeps the GetProviderSchema answer ahead of the call, e.g. on a spare thread while
     * the transport is still starting. A failure is left for the real call to report.
     */
    public void prepareSchemaAnswer() {
        try {
            schemaResponse();
        } catch (RuntimeException e) {
            System.getLogger(ProviderService.class.getName())
                    .log(System.Logger.Level.DEBUG, "schema answer not prepared ahead", e);
        }
    }

    private GetProviderSchema.Response schemaResponse() {
        GetProviderSchema.Response cached = schemaResponse;
        if (cached == null) {
            ProviderSchemas schemas = server.schemas();
            GetProviderSchema.Response.Builder b = GetProviderSchema.Response.newBuilder()
                    .setProvider(WireSchemas.encode(schemas.provider()))
                    .setServerCapabilities(CAPABILITIES);
            schemas.resources().forEach((name, s) -> b.putResourceSchemas(name, WireSchemas.encode(s)));
            schemas.dataSources().forEach((name, s) -> b.putDataSourceSchemas(name, WireSchemas.encode(s)));
            cached = b.build();
            schemaResponse = cached;
        }
        return cached;
    }

    @Override
    public void validateProviderConfig(ValidateProviderConfig.Request request,
                                       StreamObserver<ValidateProviderConfig.Response> out) {
        answer(out, () -> {
            Value config = WireValues.decode(request.getConfig(), server.providerSchema().type());
            Diagnostics d = server.validateProviderConfig(config);
            return ValidateProviderConfig.Response.newBuilder().addAllDiagnostics(WireDiagnostics.encode(d)).build();
        }, e -> ValidateProviderConfig.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void validateResourceConfig(ValidateResourceConfig.Request request,
                                       StreamObserver<ValidateResourceConfig.Response> out) {
        answer(out, () -> {
            Schema schema = resourceSchema(request.getTypeName());
            Value config = WireValues.decode(request.getConfig(), schema.type());
            Diagnostics d = server.validateResourceConfig(request.getTypeName(), config,
                    WireCapabilities.decode(request.hasClientCapabilities(), request.getClientCapabilities()));
            return ValidateResourceConfig.Response.newBuilder().addAllDiagnostics(WireDiagnostics.encode(d)).build();
        }, e -> ValidateResourceConfig.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void validateDataResourceConfig(ValidateDataResourceConfig.Request request,
                                           StreamObserver<ValidateDataResourceConfig.Response> out) {
        answer(out, () -> {
            Schema schema = dataSourceSchema(request.getTypeName());
            Value config = WireValues.decode(request.getConfig(), schema.type());
            Diagnostics d = server.validateDataSourceConfig(request.getTypeName(), config);
            return ValidateDataResourceConfig.Response.newBuilder()
                    .addAllDiagnostics(WireDiagnostics.encode(d)).build();
        }, e -> ValidateDataResourceConfig.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void upgradeResourceState(UpgradeResourceState.Request request,
                                     StreamObserver<UpgradeResourceState.Response> out) {
        answer(out, () -> {
            Schema schema = resourceSchema(request.getTypeName());
            byte[] json = request.getRawState().getJson().toByteArray();
            if (json.length == 0) {
                // state this old (flatmap, Terraform 0.11) was never written by this provider
                return UpgradeResourceState.Response.newBuilder()
                        .addAllDiagnostics(WireDiagnostics.error("Cannot read stored state",
                                "The stored state has no JSON form; only JSON state is supported."))
                        .build();
            }
            Outcome o = server.upgradeResourceState(request.getTypeName(), request.getVersion(), json);
            UpgradeResourceState.Response.Builder b = UpgradeResourceState.Response.newBuilder()
                    .addAllDiagnostics(WireDiagnostics.encode(o.diagnostics()));
            if (o.state() != null) {
                b.setUpgradedState(WireValues.encode(o.state(), schema.type()));
            }
            return b.build();
        }, e -> UpgradeResourceState.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void configureProvider(ConfigureProvider.Request request, StreamObserver<ConfigureProvider.Response> out) {
        answer(out, () -> {
            Value config = WireValues.decode(request.getConfig(), server.providerSchema().type());
            Diagnostics d = server.configureProvider(config, request.getTerraformVersion());
            return ConfigureProvider.Response.newBuilder().addAllDiagnostics(WireDiagnostics.encode(d)).build();
        }, e -> ConfigureProvider.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void readResource(ReadResource.Request request, StreamObserver<ReadResource.Response> out) {
        answer(out, () -> {
            Type type = resourceSchema(request.getTypeName()).type();
            Value state = WireValues.decode(request.getCurrentState(), type);
            Outcome o = server.readResource(request.getTypeName(), state);
            return ReadResource.Response.newBuilder()
                    .setNewState(WireValues.encode(o.state(), type))
                    .setPrivate(request.getPrivate())
                    .addAllDiagnostics(WireDiagnostics.encode(o.diagnostics()))
                    .build();
        }, e -> ReadResource.Response.newBuilder()
                .setNewState(request.getCurrentState())
                .addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void planResourceChange(PlanResourceChange.Request request,
                                   StreamObserver<PlanResourceChange.Response> out) {
        answer(out, () -> {
            Type type = resourceSchema(request.getTypeName()).type();
            Value prior = WireValues.decode(request.getPriorState(), type);
            Value proposed = WireValues.decode(request.getProposedNewState(), type);
            Value config = WireValues.decode(request.getConfig(), type);
            PlanOutcome o = server.planResourceChange(request.getTypeName(), prior, proposed, config);
            PlanResourceChange.Response.Builder b = PlanResourceChange.Response.newBuilder()
                    .setPlannedState(WireValues.encode(o.plannedState(), type))
                    .setPlannedPrivate(request.getPriorPrivate())
                    .addAllDiagnostics(WireDiagnostics.encode(o.diagnostics()));
            for (AttributePath path : o.requiresReplace()) {
                b.addRequiresReplace(WireDiagnostics.encodePath(path));
            }
            return b.build();
        }, e -> PlanResourceChange.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void applyResourceChange(ApplyResourceChange.Request request,
                                    StreamObserver<ApplyResourceChange.Response> out) {
        Outcome[] applied = new Outcome[1];
        Type[] typeOf = new Type[1];
        answer(out, () -> {
            Type type = resourceSchema(request.getTypeName()).type();
            typeOf[0] = type;
            Value prior = WireValues.decode(request.getPriorState(), type);
            Value planned = WireValues.decode(request.getPlannedState(), type);
            Value config = WireValues.decode(request.getConfig(), type);
            Outcome o = server.applyResourceChange(request.getTypeName(), prior, planned, config);
            applied[0] = o;
            return ApplyResourceChange.Response.newBuilder()
                    .setNewState(states.encode(o.state(), type))
                    .setPrivate(request.getPlannedPrivate())
                    .addAllDiagnostics(WireDiagnostics.encode(o.diagnostics()))
                    .build();
        }, e -> ApplyResourceChange.Response.newBuilder()
                .setNewState(survivingState(applied[0], typeOf[0], request.getPriorState()))
                .addAllDiagnostics(failure(e)).build());
    }

    /**
     * The state to answer with when the answer itself could not be built. After the apply ran, the object
     * it made or changed exists whatever went wrong afterwards: its id is kept (the error taints it), so
     * that a created instance is never forgotten. Before that, or when even the id cannot be written, the
     * prior state is the safest answer: nothing is forgotten that Terraform knew.
     */
    private DynamicValue survivingState(Outcome applied, Type type, DynamicValue prior) {
        if (applied == null || applied.state() == null || applied.state().isNull()
                || !(type instanceof ObjectType object)
                || !object.hasAttribute("id")) {
            return prior;
        }
        Value id = applied.state().attribute("id");
        if (id.isNull() || !id.isKnown()) {
            return prior;
        }
        try {
            return states.encode(Value.empty(type).withAttribute("id", id), type);
        } catch (RuntimeException e) {
            return prior;
        }
    }

    @Override
    public void importResourceState(ImportResourceState.Request request,
                                    StreamObserver<ImportResourceState.Response> out) {
        answer(out, () -> {
            Type type = resourceSchema(request.getTypeName()).type();
            ImportOutcome o = server.importResourceState(request.getTypeName(), request.getId());
            ImportResourceState.Response.Builder b = ImportResourceState.Response.newBuilder()
                    .addAllDiagnostics(WireDiagnostics.encode(o.diagnostics()));
            for (ImportOutcome.Imported imported : o.imported()) {
                b.addImportedResources(ImportResourceState.ImportedResource.newBuilder()
                        .setTypeName(imported.typeName())
                        .setState(WireValues.encode(imported.state(), type)));
            }
            return b.build();
        }, e -> ImportResourceState.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void moveResourceState(MoveResourceState.Request request, StreamObserver<MoveResourceState.Response> out) {
        answer(out, () -> MoveResourceState.Response.newBuilder()
                .addAllDiagnostics(WireDiagnostics.error("Moving state is not supported",
                        "This provider cannot move state from " + request.getSourceTypeName() + " to "
                                + request.getTargetTypeName() + ". Remove the moved block and import the "
                                + "object under its new address instead."))
                .build(), e -> MoveResourceState.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void readDataSource(ReadDataSource.Request request, StreamObserver<ReadDataSource.Response> out) {
        answer(out, () -> {
            Type type = dataSourceSchema(request.getTypeName()).type();
            Value config = WireValues.decode(request.getConfig(), type);
            Outcome o = server.readDataSource(request.getTypeName(), config);
            return ReadDataSource.Response.newBuilder()
                    .setState(WireValues.encode(o.state(), type))
                    .addAllDiagnostics(WireDiagnostics.encode(o.diagnostics()))
                    .build();
        }, e -> ReadDataSource.Response.newBuilder().addAllDiagnostics(failure(e)).build());
    }

    @Override
    public void validateEphemeralResourceConfig(ValidateEphemeralResourceConfig.Request request,
                                                StreamObserver<ValidateEphemeralResourceConfig.Response> out) {
        answer(out, () -> ValidateEphemeralResourceConfig.Response.newBuilder()
                .addAllDiagnostics(noEphemeral(request.getTypeName())).build(), e -> null);
    }

    @Override
    public void openEphemeralResource(OpenEphemeralResource.Request request,
                                      StreamObserver<OpenEphemeralResource.Response> out) {
        answer(out, () -> OpenEphemeralResource.Response.newBuilder()
                .addAllDiagnostics(noEphemeral(request.getTypeName())).build(), e -> null);
    }

    @Override
    public void renewEphemeralResource(RenewEphemeralResource.Request request,
                                       StreamObserver<RenewEphemeralResource.Response> out) {
        answer(out, () -> RenewEphemeralResource.Response.newBuilder()
                .addAllDiagnostics(noEphemeral(request.getTypeName())).build(), e -> null);
    }

    @Override
    public void closeEphemeralResource(CloseEphemeralResource.Request request,
                                       StreamObserver<CloseEphemeralResource.Response> out) {
        answer(out, () -> CloseEphemeralResource.Response.newBuilder()
                .addAllDiagnostics(noEphemeral(request.getTypeName())).build(), e -> null);
    }

    @Override
    public void getFunctions(GetFunctions.Request request, StreamObserver<GetFunctions.Response> out) {
        answer(out, () -> GetFunctions.Response.getDefaultInstance(), e -> null);
    }

    @Override
    public void callFunction(CallFunction.Request request, StreamObserver<CallFunction.Response> out) {
        answer(out, () -> CallFunction.Response.newBuilder()
                .setError(FunctionError.newBuilder()
                        .setText("This provider has no function named \"" + request.getName() + "\"."))
                .build(), e -> null);
    }

    @Override
    public void stopProvider(StopProvider.Request request, StreamObserver<StopProvider.Response> out) {
        answer(out, () -> {
            server.stop();
            return StopProvider.Response.getDefaultInstance();
        }, e -> StopProvider.Response.newBuilder().setError(String.valueOf(e.getMessage())).build());
    }

    private Schema resourceSchema(String typeName) {
        Schema s = server.resourceSchema(typeName);
        if (s == null) {
            throw new UnknownTypeException("This provider has no resource type named \"" + typeName + "\".");
        }
        return s;
    }

    private Schema dataSourceSchema(String typeName) {
        Schema s = server.dataSourceSchema(typeName);
        if (s == null) {
            throw new UnknownTypeException("This provider has no data source named \"" + typeName + "\".");
        }
        return s;
    }

    private static java.util.List<io.tfhyperstack.protocol.tfplugin6.Tfplugin6.Diagnostic> noEphemeral(String type) {
        return WireDiagnostics.error("Unknown ephemeral resource type",
                "This provider has no ephemeral resources; \"" + type + "\" does not exist.");
    }

    private static java.util.List<io.tfhyperstack.protocol.tfplugin6.Tfplugin6.Diagnostic> failure(RuntimeException e) {
        if (e instanceof UnknownTypeException) {
            return WireDiagnostics.error("Unknown type", e.getMessage());
        }
        return WireDiagnostics.error("Unexpected provider error",
                "The provider could not handle this request: " + FailureText.of(e)
                        + ". This is a bug in the provider; the log (TF_LOG=debug) has the details.");
    }

    /**
     * Sends the answer, or, when building it threw, the fallback answer with the failure as a
     * diagnostic. Only a fallback of null (RPCs with no diagnostics to carry it) fails the call.
     */
    private static <T> void answer(StreamObserver<T> out, Supplier<T> body, Function<RuntimeException, T> fallback) {
        T response;
        try {
            response = body.get();
        } catch (RuntimeException e) {
            System.getLogger(ProviderService.class.getName())
                    .log(System.Logger.Level.ERROR, "request failed", e);
            response = fallback.apply(e);
            if (response == null) {
                out.onError(io.grpc.Status.INTERNAL.withDescription(FailureText.of(e)).asRuntimeException());
                return;
            }
        }
        out.onNext(response);
        out.onCompleted();
    }

    private static final class UnknownTypeException extends RuntimeException {
        UnknownTypeException(String message) {
            super(message);
        }
    }

}
