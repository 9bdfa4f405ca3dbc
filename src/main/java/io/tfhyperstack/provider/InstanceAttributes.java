package io.tfhyperstack.provider;

import io.tfhyperstack.framework.schema.Attribute;
import io.tfhyperstack.framework.types.ListType;
import io.tfhyperstack.framework.types.ObjectType;
import io.tfhyperstack.framework.types.SetType;
import io.tfhyperstack.framework.types.Type;
import io.tfhyperstack.framework.values.Value;
import io.tfhyperstack.hyperstack.model.Instance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The attributes an instance exports, shared by the data sources and the instance resource so that
 * every place reports an instance the same way: each name's type, its documentation, and how it is
 * read from the API's {@link Instance}.
 *
 * <p>What the API leaves out stays null: nothing is invented. The two derived names are
 * {@code power_state} (from the API's {@code status}, see {@link PowerState}) and {@code region} (the
 * environment's region).
 *
 * <p>{@link #fill} writes only the names the target object's type declares, and adapts to the declared
 * type where two are sensible ({@code id} as string or number, {@code labels} as set or list), so a schema
 * can take any subset of these attributes and choose those types for itself.
 */
public final class InstanceAttributes {
    /** One exported attribute: its default type, its Markdown description and how to read it. */
    private record Field(Type type, String description, Function<Instance, Value> read) {
    }

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    static {
        field("id", Type.STRING,
                "The instance's id. The API's ids are integers; Terraform ids are strings, so it is the "
                        + "integer written in decimal, e.g. `\"4242\"`.",
                i -> Value.string(Long.toString(i.id())));
        field("name", Type.STRING, "The instance's name (at most 50 characters).", i -> str(i.name()));
        field("status", Type.STRING,
                "The status the API reports, unchanged, e.g. `ACTIVE`, `SHUTOFF`, `HIBERNATED`, `ERROR`, or a "
                        + "transitional one such as `BUILD` or `STOPPING`.",
                i -> str(i.status()));
        field("power_state", Type.STRING,
                "The instance's power, derived from `status`: `running` (ACTIVE), `stopped` (SHUTOFF), "
                        + "`hibernated` (HIBERNATED), `error` (ERROR), `transitioning` (on its way between these, "
                        + "e.g. BUILD or STOPPING) or `unknown` (no status, or one the provider does not know).",
                i -> Value.string(PowerState.of(i.status()).value()));
        field("vm_state", Type.STRING, "The hypervisor's state of the machine as the API reports it, e.g. `active`.",
                i -> str(i.vmState()));
        field("fixed_ip", Type.STRING, "The private IP address inside the environment's network.",
                i -> str(i.fixedIp()));
        field("floating_ip", Type.STRING,
                "The public IP address, or null when the instance has none (none was assigned, or it was "
                        + "released by hibernation).",
                i -> str(i.floatingIp()));
        field("floating_ip_status", Type.STRING,
                "The state of the public IP as the API reports it, e.g. `ATTACHED`.",
                i -> str(i.floatingIpStatus()));
        field("environment_name", Type.STRING, "The name of the environment the instance belongs to.",
                i -> str(i.environmentName()));
        field("region", Type.STRING, "The region of the instance's environment, e.g. `CANADA-1`.",
                i -> str(i.environment() == null ? null : i.environment().region()));
        field("flavor_name", Type.STRING, "The flavor (machine size), e.g. `n3-A100x1`.",
                i -> str(i.flavor() == null ? null : i.flavor().name()));
        field("cpu", Type.NUMBER, "Number of virtual CPUs of the flavor.",
                i -> num(i.flavor() == null || i.flavor().cpu() == null ? null : BigDecimal.valueOf(i.flavor().cpu())));
        field("ram", Type.NUMBER, "Memory of the flavor, in GB (the API may report a fraction).",
                i -> num(i.flavor() == null || i.flavor().ram() == null ? null : BigDecimal.valueOf(i.flavor().ram())));
        field("gpu", Type.STRING, "The GPU model of the flavor, e.g. `A100-80G-PCIe`; null or empty for a CPU-only flavor.",
                i -> str(i.flavor() == null ? null : i.flavor().gpu()));
        field("gpu_count", Type.NUMBER, "Number of GPUs of the flavor.",
                i -> num(i.flavor() == null || i.flavor().gpuCount() == null ? null
                        : BigDecimal.valueOf(i.flavor().gpuCount())));
        field("image_name", Type.STRING, "The operating system image the instance was created from.",
                i -> str(i.image() == null ? null : i.image().name()));
        field("key_name", Type.STRING, "The name of the SSH key pair installed on the instance.",
                i -> str(i.keypair() == null ? null : i.keypair().name()));
        field("labels", Type.set(Type.STRING), "The instance's labels; empty when it has none.",
                i -> Value.set(Type.STRING, i.labels().stream().map(Value::string).toList()));
        field("created_at", Type.STRING, "When the instance was created, as the API writes it (a date-time).",
                i -> str(i.createdAt()));
    }

    private InstanceAttributes() {
    }

    private static void field(String name, Type type, String description, Function<Instance, Value> read) {
        FIELDS.put(name, new Field(type, description, read));
    }

    /** Every exported name, in documentation order. */
    public static List<String> names() {
        return List.copyOf(FIELDS.keySet());
    }

    /** The default type of an exported name ({@code id} is a string, {@code labels} a set of strings). */
    public static Type type(String name) {
        return field(name).type();
    }

    /** The Markdown description of an exported name, for schemas that export it. */
    public static String description(String name) {
        return field(name).description();
    }

    /**
     * Computed attributes for every exported name except {@code except}, with their default types and
     * descriptions; a schema adds the excluded names itself (e.g. as optional lookup arguments).
     */
    public static List<Attribute> computed(Set<String> except) {
        List<Attribute> out = new ArrayList<>();
        for (String name : FIELDS.keySet()) {
            if (!except.contains(name)) {
                out.add(Attribute.builder(name).type(type(name)).computed().description(description(name)).build());
            }
        }
        return out;
    }

    /** The object type holding every exported name with its default type, e.g. for a list of instances. */
    public static ObjectType objectType() {
        Map<String, Type> types = new TreeMap<>();
        FIELDS.forEach((name, f) -> types.put(name, f.type()));
        return new ObjectType(types);
    }

    /** A new object of {@code type}: the exported names it declares read from {@code instance}, the rest null. */
    public static Value toObject(ObjectType type, Instance instance) {
        return fill(Value.empty(type), instance);
    }

    /**
     * A copy of the known object {@code target} whose attributes named like exported attributes are
     * replaced by the instance's values; the object's other attributes are kept as they are.
     */
    public static Value fill(Value target, Instance instance) {
        if (!(target.type() instanceof ObjectType type)) {
            throw new IllegalArgumentException("fill needs an object, got " + target.type().friendlyName());
        }
        Map<String, Value> values = new TreeMap<>(target.entries());
        for (String name : type.attributeNames()) {
            Field f = FIELDS.get(name);
            if (f == null) {
                continue;
            }
            Type declared = type.attributeType(name);
            if (name.equals("labels") && declared instanceof ListType) {
                // A list keeps the API's order, which a set (sorted) would lose.
                values.put(name, Value.list(Type.STRING, instance.labels().stream().map(Value::string).toList()));
            } else {
                values.put(name, as(declared, f.read().apply(instance), name));
            }
        }
        return Value.object(type, Collections.unmodifiableMap(values));
    }

    /** Converts a value read with the default type to the type a schema declared for that name. */
    private static Value as(Type declared, Value v, String name) {
        if (declared.equals(v.type())) {
            return v;
        }
        if (v.isNull()) {
            return Value.nullOf(declared);
        }
        if (declared == Type.NUMBER && v.type() == Type.STRING) {
            return Value.number(new BigDecimal(v.asString()));
        }
        if (declared == Type.STRING && v.type() == Type.NUMBER) {
            return Value.string(v.asNumber().stripTrailingZeros().toPlainString());
        }
        if (declared instanceof ListType l && v.type() instanceof SetType s && l.element().equals(s.element())) {
            return Value.list(l.element(), v.elements());
        }
        throw new IllegalArgumentException("attribute " + name + " is declared " + declared
                + " but is exported as " + v.type());
    }

    private static Field field(String name) {
        Field f = FIELDS.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no exported instance attribute named " + name);
        }
        return f;
    }

    private static Value str(String s) {
        return s == null ? Value.nullOf(Type.STRING) : Value.string(s);
    }

    private static Value num(BigDecimal n) {
        return n == null ? Value.nullOf(Type.NUMBER) : Value.number(n);
    }
}
