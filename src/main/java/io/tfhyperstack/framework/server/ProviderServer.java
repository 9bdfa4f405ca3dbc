package io.tfhyperstack.framework.server;

import io.tfhyperstack.framework.codec.JsonCodec;
import io.tfhyperstack.framework.diag.AttributePath;
import io.tfhyperstack.framework.diag.Diagnostics;
import io.tfhyperstack.framework.provider.ConfigureRequest;
import io.tfhyperstack.framework.provider.Provider;
import io.tfhyperstack.framework.provider.StopSignal;
import io.tfhyperstack.framework.resource.CreateRequest;
import io.tfhyperstack.framework.resource.DataSource;
import io.tfhyperstack.framework.resource.DeleteRequest;
import io.tfhyperstack.framework.resource.ImportableResource;
import io.tfhyperstack.framework.resource.ReadRequest;
import io.tfhyperstack.framework.resource.Resource;
import io.tfhyperstack.framework.resource.StateResult;
import io.tfhyperstack.framework.resource.UpdateRequest;
import io.tfhyperstack.framework.resource.UpgradableResource;
import io.tfhyperstack.framework.schema.Schema;
import io.tfhyperstack.framework.text.FailureText;
import io.tfhyperstack.framework.values.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine behind the protocol: one method per operation Terraform asks for, in framework terms
 * only. It finds the resource or data source, runs the protocol's rules around the provider's code,
 * and turns a provider's mistake (an unknown left after apply, a planned value not kept, an
 * exception) into an error that names the attribute, instead of leaving Terraform to report an
 * "inconsistent result".
 */
public final class ProviderServer {
    private static final System.Logger LOG = System.getLogger(ProviderServer.class.getName());

    private final Provider provider;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, DataSource> dataSources = new LinkedHashMap<>();
    private final StopSignal stopSignal = new StopSignal();

    public ProviderServer(Provider provider) {
        this.provider = provider;
        for (Resource r : provider.resources()) {
            resources.put(r.typeName(), r);
        }
        for (DataSource d : provider.dataSources()) {
            dataSources.put(d.typeName(), d);
            requireNoWriteOnly(d.schema(), "data source " + d.typeName());
        }
        requireNoWriteOnly(provider.schema(), "the provider's configuration");
    }

    /** Write-only attributes exist for managed resources only; elsewhere Terraform would keep the value. */
    private static void requireNoWriteOnly(Schema schema, String owner) {
        if (schema.block().hasWriteOnly()) {
            throw new IllegalStateException(owner + " has a write-only attribute; only resources may");
        }
    }

    public ProviderSchemas schemas() {
        Map<String, Schema> r = new LinkedHashMap<>();
        resources.forEach((name, resource) -> r.put(name, resource.schema()));
        Map<String, Schema> d = new LinkedHashMap<>();
        dataSources.forEach((name, source) -> d.put(name, source.schema()));
        return new ProviderSchemas(provider.schema(), r, d);
    }

    public Schema providerSchema() {
        return provider.schema();
    }

    /** The schema of a resource type, or null if the provider has none of that name. */
    public Schema resourceSchema(String typeName) {
        Resource r = resources.get(typeName);
        return r == null ? null : r.schema();
    }

    public Schema dataSourceSchema(String typeName) {
        DataSource d = dataSources.get(typeName);
        return d == null ? null : d.schema();
    }

    public StopSignal stopSignal() {
        return stopSignal;
    }

    /** StopProvider: ends waits and calls in flight; the server keeps answering. */
    public void stop() {
        LOG.log(System.Logger.Level.INFO, "stop requested: cancelling work in flight");
        stopSignal.stop();
    }

    /**
     * The plugin life is over: work still in flight stops as it would on StopProvider. Quietly, since
     * after a normal Shutdown nothing is in flight and nobody asked for a stop.
     */
    public void close() {
        stopSignal.stop();
    }

    public Diagnostics validateProviderConfig(Value config) {
        Diagnostics d = ConfigValidation.validate(provider.schema().block(), config, List.of());
        guarded(d, "validating the provider configuration", () -> provider.validateConfig(config, d));
        return d;
    }

    public Diagnostics configureProvider(Value config, String terraformVersion) {
        Diagnostics d = new Diagnostics();
        guarded(d, "configuring the provider",
                () -> provider.configure(new ConfigureRequest(config, terraformVersion, stopSignal), d));
        return d;
    }

    public Diagnostics validateResourceConfig(String typeName, Value config, ClientCapabilities client) {
        Resource r = resources.get(typeName);
        if (r == null) {
            return unknownType("resource", typeName);
        }
        Diagnostics d = ConfigValidation.validate(r.schema().block(), config, r.configValidators());
        WriteOnlyValues.checkAllowed(r.schema().block(), config, client, d);
        guarded(d, "validating " + typeName, () -> r.validateConfig(config, d));
        return d;
    }

    public Diagnostics validateDataSourceConfig(String typeName, Value config) {
        DataSource s = dataSources.get(typeName);
        if (s == null) {
            return unknownType("data source", typeName);
        }
        Diagnostics d = ConfigValidation.validate(s.schema().block(), config, s.configValidators());
        guarded(d, "validating " + typeName, () -> s.validateConfig(config, d));
        return d;
    }

    /**
     * Reads stored state (JSON, as Terraform keeps it) written under {@code version} of the schema and
     * brings it to the current version.
     */
    public Outcome upgradeResourceState(String typeName, long version, byte[] rawJson) {
        Resource r = resources.get(typeName);
        if (r == null) {
            return new Outcome(null, unknownType("resource", typeName));
        }
        Diagnostics d = new Diagnostics();
        Schema current = r.schema();
        try {
            if (version == current.version()) {
                return new Outcome(WriteOnlyValues.nulled(current.block(), JsonCodec.decode(rawJson, current.type())), d);
            }
            if (version > current.version()) {
                d.addError("State written by a newer provider",
                        "The state of this " + typeName + " was written with schema version " + version
                                + ", but this provider knows only up to version " + current.version()
                                + ". Upgrade the provider.");
                return new Outcome(null, d);
            }
            if (r instanceof UpgradableResource upgradable) {
                var upgrader = upgradable.stateUpgraders().get(version);
                if (upgrader != null) {
                    Value old = JsonCodec.decode(rawJson, upgrader.priorSchema().type());
                    return new Outcome(WriteOnlyValues.nulled(current.block(), upgrader.upgrade().apply(old)), d);
                }
            }
            d.addError("Cannot upgrade state", "No upgrade from schema version " + version + " to "
                    + current.version() + " exists for " + typeName + ".");
        } catch (RuntimeException e) {
            d.addError("Cannot read stored state", "The stored state of this " + typeName
                    + " could not be decoded: " + e.getMessage());
        }
        return new Outcome(null, d);
    }

    public Outcome readResource(String typeName, Value state) {
        Resource r = resources.get(typeName);
        if (r == null) {
            return new Outcome(state, unknownType("resource", typeName));
        }
        StateResult result = new StateResult(state);
        guarded(result.diagnostics(), "reading " + typeName, () -> r.read(new ReadRequest(state), result));
        if (result.removed()) {
            return new Outcome(Value.nullOf(state.type()), result.diagnostics());
        }
        Value newState = WriteOnlyValues.nulled(r.schema().block(), result.state() == null ? state : result.state());
        return new Outcome(knownResult(newState, "read", typeName, result.diagnostics()), result.diagnostics());
    }

    public PlanOutcome planResourceChange(String typeName, Value prior, Value proposed, Value config) {
        Resource r = resources.get(typeName);
        if (r == null) {
            return new PlanOutcome(proposed, List.of(), unknownType("resource", typeName));
        }
        try {
            return PlanEngine.plan(r, prior, proposed, config);
        } catch (RuntimeException e) {
            Diagnostics d = new Diagnostics();
            bug(d, "planning " + typeName, e);
            return new PlanOutcome(WriteOnlyValues.nulled(r.schema().block(), proposed), List.of(), d);
        }
    }

    /**
     * Routes an apply to create, update or delete and checks the result. Whatever happens, the state
     * returned describes what exists: a failed create that made an object returns it (Terraform
     * keeps it, tainted), a failed update or delete returns the prior state unless the resource said
     * better.
     */
    public Outcome applyResourceChange(String typeName, Value prior, Value planned, Value config) {
        Resource r = resources.get(typeName);
        if (r == null) {
            return new Outcome(prior, unknownType("resource", typeName));
        }
        if (planned.isNull()) {
            Diagnostics d = new Diagnostics();
            guarded(d, "deleting " + typeName, () -> r.delete(new DeleteRequest(prior), d));
            return new Outcome(d.hasErrors() ? prior : Value.nullOf(prior.type()), d);
        }
        boolean creating = prior.isNull();
        StateResult result = new StateResult();
        guarded(result.diagnostics(), (creating ? "creating " : "updating ") + typeName, () -> {
            if (creating) {
                r.create(new CreateRequest(config, planned), result);
            } else {
                r.update(new UpdateRequest(config, planned, prior), result);
            }
        });
        Diagnostics d = result.diagnostics();
        Value state = WriteOnlyValues.nulled(r.schema().block(), result.state());
        if (state == null) {
            if (!d.hasErrors()) {
                d.addError("Provider returned no state", "Applying " + typeName
                        + " finished without a new state and without an error. This is a bug in the provider.");
            }
            return new Outcome(creating ? Value.nullOf(planned.type()) : prior, d);
        }
        Value known = knownResult(state, "apply", typeName, d);
        if (!d.hasErrors()) {
            ObjectTree.Mismatch m = ObjectTree.firstMismatch(planned, known, AttributePath.ROOT);
            if (m != null) {
                boolean sensitive = isSensitive(r.schema(), m.path());
                d.addError(m.path(), "Provider produced an inconsistent result",
                        "After applying " + typeName + ", " + m.path() + " is "
                                + (sensitive ? "(sensitive)" : m.actual().toString()) + " but the plan said "
                                + (sensitive ? "(sensitive)" : m.planned().toString())
                                + ". The object was saved as it is. This is a bug in the provider; please report it.");
            }
        }
        return new Outcome(known, d);
    }

    public ImportOutcome importResourceState(String typeName, String id) {
        Resource r = resources.get(typeName);
        if (r == null) {
            return new ImportOutcome(List.of(), unknownType("resource", typeName));
        }
        Diagnostics d = new Diagnostics();
        if (!(r instanceof ImportableResource importable)) {
            d.addError("Import not supported", typeName + " cannot be imported.");
            return new ImportOutcome(List.of(), d);
        }
        StateResult result = new StateResult();
        guarded(result.diagnostics(), "importing " + typeName, () -> importable.importState(id, result));
        d.addAll(result.diagnostics());
        if (d.hasErrors() || result.state() == null) {
            if (!d.hasErrors()) {
                d.addError("Cannot import", "Importing " + typeName + " \"" + id + "\" found nothing.");
            }
            return new ImportOutcome(List.of(), d);
        }
        return new ImportOutcome(List.of(new ImportOutcome.Imported(typeName,
                WriteOnlyValues.nulled(r.schema().block(), result.state()))), d);
    }

    public Outcome readDataSource(String typeName, Value config) {
        DataSource s = dataSources.get(typeName);
        if (s == null) {
            return new Outcome(config, unknownType("data source", typeName));
        }
        StateResult result = new StateResult();
        guarded(result.diagnostics(), "reading data source " + typeName, () -> s.read(config, result));
        Diagnostics d = result.diagnostics();
        if (result.state() == null) {
            if (!d.hasErrors()) {
                d.addError("Data source returned nothing", "Reading " + typeName
                        + " finished without a result and without an error. This is a bug in the provider.");
            }
            return new Outcome(ObjectTree.unknownsAsNull(config), d);
        }
        return new Outcome(knownResult(result.state(), "read", typeName, d), d);
    }

    /** Terraform refuses unknown values in a result; name the first one and send nulls instead. */
    private static Value knownResult(Value state, String operation, String typeName, Diagnostics d) {
        AttributePath unknown = ObjectTree.firstUnknown(state, AttributePath.ROOT);
        if (unknown == null) {
            return state;
        }
        d.addError(unknown, "Provider left a value unknown",
                "After " + operation + " of " + typeName + ", " + unknown
                        + " is still unknown; it was saved as null. This is a bug in the provider; please report it.");
        return ObjectTree.unknownsAsNull(state);
    }

    private static boolean isSensitive(Schema schema, AttributePath path) {
        if (path.steps().isEmpty()) {
            return false;
        }
        if (path.steps().get(0) instanceof io.tfhyperstack.framework.diag.PathStep.AttributeName name) {
            return schema.block().attribute(name.name()).map(a -> a.sensitive()).orElse(false);
        }
        return false;
    }

    private static Diagnostics unknownType(String kind, String typeName) {
        Diagnostics d = new Diagnostics();
        d.addError("Unknown " + kind + " type", "This provider has no " + kind + " named \"" + typeName + "\".");
        return d;
    }

    /** Runs provider code; an exception becomes an error diagnostic instead of a failed RPC. */
    private static void guarded(Diagnostics d, String what, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            bug(d, what, e);
        }
    }

    private static void bug(Diagnostics d, String what, RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "unexpected failure while " + what, e);
        d.addError("Unexpected provider error", "The provider failed while " + what + ": " + FailureText.of(e)
                + ". This is a bug in the provider; the log (TF_LOG=debug) has the details.");
    }

}
