package io.tfhyperstack.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The simulated account: its catalog and its VMs, and every rule about what may happen to a VM when.
 * One lock guards all of it; the HTTP threads and the transition scheduler both take it, briefly.
 * Changes of status that the real cloud makes over minutes are scheduled here one step delay apart.
 */
final class Cloud {
    /** The API documents a 50-character limit on a VM name. */
    static final int MAX_NAME = 50;
    /** The API documents a 250-character limit on a callback URL. */
    static final int MAX_CALLBACK_URL = 250;
    /** The simulator's own cap on one create call; the real limit is not documented. */
    static final int MAX_COUNT = 20;

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    record Page(List<ObjectNode> items, int page, int pageSize, int count) {
    }

    record VmQuery(int page, int pageSize, String search, String environment, boolean exactEnvironment) {
    }

    private final Object lock = new Object();
    private final long orgId;
    private final Map<String, Catalog.Environment> environments = new LinkedHashMap<>();
    private final List<Catalog.KeyPair> keypairs;
    private final Map<String, Catalog.Flavor> flavors = new LinkedHashMap<>();
    private final Map<String, Catalog.Image> images = new LinkedHashMap<>();
    private final TreeMap<Long, VirtualMachine> machines = new TreeMap<>();
    private final IpPool floatingIps;
    private final IpPool fixedIps = IpPool.fixed();
    private final ScheduledExecutorService scheduler;
    private final Faults faults;
    private long nextId;
    private volatile Duration stepDelay;
    /** While steps are held, the status changes due, in order; null while they run after the step delay. */
    private List<Runnable> heldSteps;

    Cloud(Seed seed, ScheduledExecutorService scheduler, Faults faults, Duration stepDelay, String floatingIpRange) {
        this.floatingIps = IpPool.floating(floatingIpRange);
        this.orgId = seed.orgId();
        this.scheduler = scheduler;
        this.faults = faults;
        this.stepDelay = stepDelay;
        for (Catalog.Environment e : seed.environments()) {
            environments.put(e.name(), e);
        }
        this.keypairs = List.copyOf(seed.keypairs());
        for (Catalog.Flavor f : seed.flavors()) {
            flavors.put(f.name(), f);
        }
        for (Catalog.Image i : seed.images()) {
            images.put(i.name(), i);
        }
        long next = seed.nextInstanceId();
        for (Seed.InstanceSpec spec : seed.instances()) {
            if (spec.id() != null) {
                next = Math.max(next, spec.id() + 1);
            }
        }
        this.nextId = next;
        for (Seed.InstanceSpec spec : seed.instances()) {
            addSeeded(spec);
        }
    }

    private void addSeeded(Seed.InstanceSpec spec) {
        Catalog.Environment env = environments.get(spec.environment());
        if (env == null) {
            throw new IllegalArgumentException("seeded instance " + spec.name() + ": unknown environment " + spec.environment());
        }
        Catalog.Flavor flavor = flavors.get(spec.flavor());
        if (flavor == null) {
            throw new IllegalArgumentException("seeded instance " + spec.name() + ": unknown flavor " + spec.flavor());
        }
        Catalog.Image image = null;
        if (spec.image() != null) {
            image = images.get(spec.image());
            if (image == null) {
                throw new IllegalArgumentException("seeded instance " + spec.name() + ": unknown image " + spec.image());
            }
        }
        Catalog.KeyPair key = keypair(spec.key(), env.name());
        if (key == null) {
            throw new IllegalArgumentException("seeded instance " + spec.name() + ": no key " + spec.key() + " in " + env.name());
        }
        long id = spec.id() != null ? spec.id() : nextId++;
        if (machines.containsKey(id)) {
            throw new IllegalArgumentException("seeded instance id " + id + " is used twice");
        }
        String created = spec.createdAt() != null ? spec.createdAt() : now();
        VirtualMachine vm = new VirtualMachine(id, spec.name(), env, flavor, image, key, created, null, null, spec.labels());
        vm.setStatus(spec.status());
        vm.fixedIp = spec.fixedIp() != null ? spec.fixedIp() : fixedIps.allocate();
        fixedIps.claim(vm.fixedIp);
        vm.floatingIp = spec.floatingIp();
        floatingIps.claim(vm.floatingIp);
        vm.wantsFloatingIp = spec.publicIp();
        machines.put(id, vm);
    }

    /**
     * Adds {@code count} settled VMs for load tests, spread round-robin over the environments that have a
     * key pair and a flavor: most ACTIVE with a floating IP, one in ten SHUTOFF, one in ten HIBERNATED.
     */
    void addSynthetic(int count) {
        synchronized (lock) {
            List<Catalog.Environment> usable = new ArrayList<>();
            for (Catalog.Environment env : environments.values()) {
                if (firstKey(env) != null && firstFlavor(env) != null) {
                    usable.add(env);
                }
            }
            if (usable.isEmpty() && count > 0) {
                throw new IllegalArgumentException("no environment has both a key pair and a flavor for synthetic instances");
            }
            for (int i = 1; i <= count; i++) {
                Catalog.Environment env = usable.get((i - 1) % usable.size());
                Catalog.Image image = firstImage(env);
                VmStatus status = i % 10 == 0 ? VmStatus.HIBERNATED : i % 10 == 5 ? VmStatus.SHUTOFF : VmStatus.ACTIVE;
                Seed.InstanceSpec spec = new Seed.InstanceSpec(null, String.format(Locale.ROOT, "synthetic-%05d", i),
                        env.name(), firstFlavor(env).name(), image == null ? null : image.name(), firstKey(env).name(),
                        status, null, status == VmStatus.HIBERNATED ? null : floatingIps.allocate(), true,
                        List.of("synthetic"), null);
                addSeeded(spec);
            }
        }
    }

    void stepDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("step delay must be >= 0");
        }
        stepDelay = delay;
    }

    Duration stepDelay() {
        return stepDelay;
    }

    void holdSteps() {
        synchronized (lock) {
            if (heldSteps == null) {
                heldSteps = new ArrayList<>();
            }
        }
    }

    int runHeldSteps() {
        synchronized (lock) {
            if (heldSteps == null) {
                throw new IllegalStateException("steps are not held; call holdSteps() first");
            }
            // The steps these schedule join the list afresh, for the next call.
            List<Runnable> due = List.copyOf(heldSteps);
            heldSteps.clear();
            due.forEach(Runnable::run);
            return due.size();
        }
    }

    void releaseSteps() {
        synchronized (lock) {
            if (heldSteps == null) {
                return;
            }
            List<Runnable> due = heldSteps;
            heldSteps = null;
            due.forEach(this::schedule);
        }
    }

    // ---------------------------------------------------------------- reads

    Page list(VmQuery q) {
        synchronized (lock) {
            List<VirtualMachine> matches = new ArrayList<>();
            for (VirtualMachine vm : machines.values()) {
                if (matchesEnvironment(vm, q) && matchesSearch(vm, q.search())) {
                    matches.add(vm);
                }
            }
            return page(matches, q.page(), q.pageSize(), this::render);
        }
    }

    ObjectNode get(long id) {
        synchronized (lock) {
            return render(find(id));
        }
    }

    /** The user data the create request carried; the API never reports it, a test may ask. */
    String userData(long id) {
        synchronized (lock) {
            return find(id).userData;
        }
    }

    boolean nameAvailable(String name) {
        if (name.length() > MAX_NAME) {
            throw ApiError.badRequest("Name must be at most " + MAX_NAME + " characters");
        }
        synchronized (lock) {
            for (VirtualMachine vm : machines.values()) {
                if (vm.name.equals(name)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Environments, searched by id, name or region (substring, case-insensitive), as the API documents. */
    Page environments(int page, int pageSize, String search) {
        List<Catalog.Environment> matches = new ArrayList<>();
        String s = search == null ? null : search.toLowerCase(Locale.ROOT);
        for (Catalog.Environment e : environments.values()) {
            if (s == null || s.isEmpty() || String.valueOf(e.id()).equals(s)
                    || e.name().toLowerCase(Locale.ROOT).contains(s) || e.region().toLowerCase(Locale.ROOT).contains(s)) {
                matches.add(e);
            }
        }
        return page(matches, page, pageSize, e -> {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("id", e.id());
            o.put("name", e.name());
            o.put("region", e.region());
            o.put("created_at", e.createdAt());
            return o;
        });
    }

    Page keypairs(int page, int pageSize) {
        List<ObjectNode> all = new ArrayList<>();
        for (Catalog.KeyPair k : keypairs) {
            Catalog.Environment env = environments.get(k.environment());
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("id", k.id());
            o.put("name", k.name());
            ObjectNode e = o.putObject("environment");
            e.put("id", env == null ? 0 : env.id());
            e.put("name", k.environment());
            e.put("region", env == null ? null : env.region());
            o.put("public_key", k.publicKey());
            o.put("fingerprint", k.fingerprint());
            o.put("created_at", k.createdAt());
            all.add(o);
        }
        return page(all, page, pageSize, o -> o);
    }

    /** Flavors grouped by region and GPU model, the way {@code GET /core/flavors} answers. */
    ArrayNode flavorGroups(String region) {
        Map<String, ArrayNode> groups = new LinkedHashMap<>();
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (Catalog.Flavor f : flavors.values()) {
            for (String r : f.regions()) {
                if (region != null && !region.isEmpty() && !r.equals(region)) {
                    continue;
                }
                String key = r + "\u0000" + f.gpu();
                ArrayNode list = groups.get(key);
                if (list == null) {
                    ObjectNode g = data.addObject();
                    g.put("gpu", f.gpu());
                    g.put("region_name", r);
                    list = g.putArray("flavors");
                    groups.put(key, list);
                }
                ObjectNode o = list.addObject();
                o.put("id", f.id());
                o.put("name", f.name());
                o.put("region_name", r);
                o.put("cpu", f.cpu());
                o.put("ram", f.ram());
                o.put("disk", f.disk());
                o.put("ephemeral", f.ephemeral());
                o.put("gpu", f.gpu());
                o.put("gpu_count", f.gpuCount());
                o.put("stock_available", true);
                o.put("created_at", "2026-01-01T00:00:00");
                o.putArray("labels");
                o.putObject("features").put("no_hibernation", !f.hibernation());
            }
        }
        return data;
    }

    /** Images grouped by region and type, the way {@code GET /core/images} answers. */
    ArrayNode imageGroups(String region) {
        Map<String, ArrayNode> groups = new LinkedHashMap<>();
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (Catalog.Image i : images.values()) {
            for (String r : i.regions()) {
                if (region != null && !region.isEmpty() && !r.equals(region)) {
                    continue;
                }
                String key = r + "\u0000" + i.type();
                ArrayNode list = groups.get(key);
                if (list == null) {
                    ObjectNode g = data.addObject();
                    g.put("region_name", r);
                    g.put("type", i.type());
                    g.put("logo", "");
                    list = g.putArray("images");
                    groups.put(key, list);
                }
                ObjectNode o = list.addObject();
                o.put("id", i.id());
                o.put("name", i.name());
                o.put("region_name", r);
                o.put("type", i.type());
                o.put("version", i.version());
                o.put("size", i.size());
                o.put("display_size", i.size() + " GB");
                o.put("description", i.description());
                o.put("is_public", true);
                ArrayNode labels = o.putArray("labels");
                i.labels().forEach(labels::add);
            }
        }
        return data;
    }

    // ---------------------------------------------------------------- create

    List<ObjectNode> create(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.badRequest("Request body must be a JSON object");
        }
        String name = requiredString(body, "name");
        if (name.length() > MAX_NAME) {
            throw ApiError.badRequest("name must be at most " + MAX_NAME + " characters, got " + name.length());
        }
        String envName = requiredString(body, "environment_name");
        String flavorName = requiredString(body, "flavor_name");
        String keyName = requiredString(body, "key_name");
        JsonNode countNode = body.get("count");
        if (countNode == null || countNode.isNull()) {
            throw ApiError.badRequest("count is required");
        }
        if (!countNode.canConvertToInt() || !countNode.isIntegralNumber()) {
            throw ApiError.badRequest("count must be an integer");
        }
        int count = countNode.intValue();
        if (count < 1 || count > MAX_COUNT) {
            throw ApiError.badRequest("count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        String imageName = optionalString(body, "image_name");
        String userData = optionalString(body, "user_data");
        String callbackUrl = optionalString(body, "callback_url");
        if (callbackUrl != null && callbackUrl.length() > MAX_CALLBACK_URL) {
            throw ApiError.badRequest("callback_url must be at most " + MAX_CALLBACK_URL + " characters");
        }
        boolean assignFloatingIp = optionalBoolean(body, "assign_floating_ip");
        optionalBoolean(body, "create_bootable_volume");
        optionalBoolean(body, "enable_port_randomization");
        List<String> labels = optionalLabels(body);

        synchronized (lock) {
            Catalog.Environment env = environments.get(envName);
            if (env == null) {
                throw ApiError.badRequest("Environment " + envName + " does not exist");
            }
            Catalog.Flavor flavor = flavors.get(flavorName);
            if (flavor == null) {
                throw ApiError.badRequest("Flavor " + flavorName + " does not exist");
            }
            if (!flavor.regions().contains(env.region())) {
                throw ApiError.badRequest("Flavor " + flavorName + " is not available in region " + env.region());
            }
            Catalog.KeyPair key = keypair(keyName, envName);
            if (key == null) {
                throw ApiError.badRequest("Key pair " + keyName + " does not exist in environment " + envName);
            }
            Catalog.Image image = null;
            if (imageName != null) {
                image = images.get(imageName);
                if (image == null) {
                    throw ApiError.badRequest("Image " + imageName + " does not exist");
                }
                if (!image.regions().contains(env.region())) {
                    throw ApiError.badRequest("Image " + imageName + " is not available in region " + env.region());
                }
            }
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                names.add(count == 1 ? name : name + "-" + i);
            }
            for (String n : names) {
                if (n.length() > MAX_NAME) {
                    throw ApiError.badRequest("name " + n + " must be at most " + MAX_NAME + " characters");
                }
                if (nameTaken(n, envName)) {
                    throw ApiError.conflict("A virtual machine named " + n + " already exists in environment " + envName);
                }
            }
            List<ObjectNode> out = new ArrayList<>();
            for (String n : names) {
                VirtualMachine vm = new VirtualMachine(nextId++, n, env, flavor, image, key, now(), userData, callbackUrl,
                        labels == null ? List.of() : labels);
                vm.setStatus(VmStatus.CREATING);
                vm.wantsFloatingIp = assignFloatingIp;
                machines.put(vm.id, vm);
                boolean fails = faults.failsOnCreate(n);
                long gen = ++vm.generation;
                later(vm, gen, () -> {
                    vm.setStatus(VmStatus.BUILD);
                    vm.fixedIp = fixedIps.allocate();
                    later(vm, gen, () -> {
                        if (fails) {
                            vm.setStatus(VmStatus.ERROR);
                        } else {
                            vm.setStatus(VmStatus.ACTIVE);
                            attachFloatingIpIfWanted(vm);
                        }
                    });
                });
                out.add(render(vm));
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- actions

    void delete(long id) {
        synchronized (lock) {
            VirtualMachine vm = find(id);
            if (vm.status == VmStatus.DELETING) {
                return;
            }
            vm.setStatus(VmStatus.DELETING);
            long gen = ++vm.generation;
            later(vm, gen, () -> {
                machines.remove(vm.id);
                floatingIps.release(vm.floatingIp);
                fixedIps.release(vm.fixedIp);
            });
        }
    }

    void start(long id) {
        transition(id, "start", VmStatus.STARTING, VmStatus.ACTIVE, null, VmStatus.SHUTOFF);
    }

    void stop(long id) {
        transition(id, "stop", VmStatus.STOPPING, VmStatus.SHUTOFF, null, VmStatus.ACTIVE, VmStatus.ERROR);
    }

    void hardReboot(long id) {
        transition(id, "hard-reboot", VmStatus.REBOOTING, VmStatus.ACTIVE, null, VmStatus.ACTIVE, VmStatus.ERROR);
    }

    void hibernate(long id, boolean retainIp) {
        synchronized (lock) {
            VirtualMachine vm = find(id);
            require(vm, "hibernate", VmStatus.ACTIVE);
            if (!vm.flavor.hibernation()) {
                throw ApiError.badRequest("Flavor " + vm.flavor.name() + " does not support hibernation");
            }
            transition(id, "hibernate", VmStatus.HIBERNATING, VmStatus.HIBERNATED, () -> {
                if (!retainIp && vm.floatingIp != null) {
                    floatingIps.release(vm.floatingIp);
                    vm.floatingIp = null;
                }
            }, VmStatus.ACTIVE);
        }
    }

    void restore(long id) {
        transition(id, "restore from hibernation", VmStatus.RESTORING, VmStatus.ACTIVE, null, VmStatus.HIBERNATED);
    }

    void setLabels(long id, JsonNode body) {
        if (body == null || !body.isObject() || !body.has("labels")) {
            throw ApiError.badRequest("labels is required");
        }
        List<String> labels = optionalLabels(body);
        synchronized (lock) {
            VirtualMachine vm = find(id);
            vm.labels = labels == null ? new ArrayList<>() : new ArrayList<>(labels);
        }
    }

    /**
     * Checks the precondition, moves to the intermediate status now and to the final one a step later.
     * {@code onArrival} runs with the final status, under the lock.
     */
    private void transition(long id, String action, VmStatus via, VmStatus to, Runnable onArrival, VmStatus... from) {
        synchronized (lock) {
            VirtualMachine vm = find(id);
            require(vm, action, from);
            vm.setStatus(via);
            long gen = ++vm.generation;
            later(vm, gen, () -> {
                vm.setStatus(to);
                if (onArrival != null) {
                    onArrival.run();
                }
                if (to == VmStatus.ACTIVE) {
                    attachFloatingIpIfWanted(vm);
                }
            });
        }
    }

    private static void require(VirtualMachine vm, String action, VmStatus... allowed) {
        for (VmStatus s : allowed) {
            if (vm.status == s) {
                return;
            }
        }
        StringBuilder must = new StringBuilder();
        for (int i = 0; i < allowed.length; i++) {
            if (i > 0) {
                must.append(i == allowed.length - 1 ? " or " : ", ");
            }
            must.append(allowed[i]);
        }
        throw ApiError.badRequest("Cannot " + action + " virtual machine in status " + vm.status + "; it must be " + must);
    }

    private void attachFloatingIpIfWanted(VirtualMachine vm) {
        if (vm.wantsFloatingIp && vm.floatingIp == null) {
            vm.floatingIp = floatingIps.allocate();
        }
    }

    /**
     * Runs {@code step} after the step delay (or, while steps are held, when the test asks), under the
     * lock, unless another action has overtaken this one. Called with the lock held.
     */
    private void later(VirtualMachine vm, long generation, Runnable step) {
        Runnable guarded = () -> {
            synchronized (lock) {
                if (vm.generation == generation && machines.get(vm.id) == vm) {
                    step.run();
                }
            }
        };
        if (heldSteps != null) {
            heldSteps.add(guarded);
        } else {
            schedule(guarded);
        }
    }

    private void schedule(Runnable guarded) {
        try {
            // the step guards itself (it logs and swallows its failures); nothing waits for it
            var unused = scheduler.schedule(guarded, stepDelay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // the simulator is shutting down; nothing will look at this VM again
        }
    }

    // ---------------------------------------------------------------- helpers

    private VirtualMachine find(long id) {
        VirtualMachine vm = machines.get(id);
        if (vm == null) {
            throw ApiError.notFound("Virtual machine " + id + " not found");
        }
        return vm;
    }

    private boolean nameTaken(String name, String envName) {
        for (VirtualMachine vm : machines.values()) {
            if (vm.name.equals(name) && vm.environment.name().equals(envName)) {
                return true;
            }
        }
        return false;
    }

    private Catalog.KeyPair keypair(String name, String envName) {
        for (Catalog.KeyPair k : keypairs) {
            if (k.name().equals(name) && k.environment().equals(envName)) {
                return k;
            }
        }
        return null;
    }

    private Catalog.KeyPair firstKey(Catalog.Environment env) {
        for (Catalog.KeyPair k : keypairs) {
            if (k.environment().equals(env.name())) {
                return k;
            }
        }
        return null;
    }

    private Catalog.Flavor firstFlavor(Catalog.Environment env) {
        for (Catalog.Flavor f : flavors.values()) {
            if (f.regions().contains(env.region())) {
                return f;
            }
        }
        return null;
    }

    private Catalog.Image firstImage(Catalog.Environment env) {
        for (Catalog.Image i : images.values()) {
            if (i.regions().contains(env.region())) {
                return i;
            }
        }
        return null;
    }

    /**
     * {@code environment} matches an environment's id or name; a name matches as a substring
     * (case-insensitive) unless {@code exact_environment_match} asks for equality.
     */
    private static boolean matchesEnvironment(VirtualMachine vm, VmQuery q) {
        String e = q.environment();
        if (e == null || e.isEmpty()) {
            return true;
        }
        if (String.valueOf(vm.environment.id()).equals(e) || vm.environment.name().equals(e)) {
            return true;
        }
        return !q.exactEnvironment()
                && vm.environment.name().toLowerCase(Locale.ROOT).contains(e.toLowerCase(Locale.ROOT));
    }

    /** {@code search} matches a name substring (case-insensitive), the exact id, or an exact fixed or floating IP. */
    private static boolean matchesSearch(VirtualMachine vm, String search) {
        if (search == null || search.isEmpty()) {
            return true;
        }
        return vm.name.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))
                || String.valueOf(vm.id).equals(search)
                || search.equals(vm.fixedIp) || search.equals(vm.floatingIp);
    }

    private static <T> Page page(List<T> all, int page, int pageSize, Function<T, ObjectNode> render) {
        long from = (long) (page - 1) * pageSize;
        List<ObjectNode> items = new ArrayList<>();
        for (long i = from; i < Math.min(all.size(), from + pageSize); i++) {
            items.add(render.apply(all.get((int) i)));
        }
        return new Page(items, page, pageSize, all.size());
    }

    private ObjectNode render(VirtualMachine vm) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", vm.id);
        o.put("name", vm.name);
        o.put("status", vm.status.name());
        o.put("power_state", vm.powerState);
        o.put("vm_state", vm.vmState);
        o.put("os", vm.image == null ? null : vm.image.name());
        o.put("fixed_ip", vm.fixedIp);
        o.put("floating_ip", vm.floatingIp);
        o.put("floating_ip_status", vm.floatingIp != null ? "ATTACHED" : "NOT_ATTACHED");
        o.put("locked", false);
        o.putNull("contract_id");
        o.put("created_at", vm.createdAt);
        if (vm.labels == null) {
            o.putNull("labels");
        } else {
            ArrayNode labels = o.putArray("labels");
            vm.labels.forEach(labels::add);
        }
        ObjectNode env = o.putObject("environment");
        env.put("id", vm.environment.id());
        env.put("name", vm.environment.name());
        env.put("org_id", orgId);
        env.put("region", vm.environment.region());
        if (vm.image == null) {
            o.putNull("image");
        } else {
            o.putObject("image").put("name", vm.image.name());
        }
        o.putObject("keypair").put("name", vm.keypair.name());
        ObjectNode f = o.putObject("flavor");
        f.put("id", vm.flavor.id());
        f.put("name", vm.flavor.name());
        f.put("cpu", vm.flavor.cpu());
        f.put("ram", vm.flavor.ram());
        f.put("disk", vm.flavor.disk());
        f.put("ephemeral", vm.flavor.ephemeral());
        f.put("gpu", vm.flavor.gpu());
        f.put("gpu_count", vm.flavor.gpuCount());
        o.putArray("volume_attachments");
        o.putArray("security_rules");
        o.putNull("bootable_volume");
        o.put("callback_url", vm.callbackUrl);
        return o;
    }

    private static String now() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(TIMESTAMP);
    }

    private static String requiredString(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw ApiError.badRequest(field + " is required");
        }
        if (!n.isTextual()) {
            throw ApiError.badRequest(field + " must be a string");
        }
        if (n.asText().isBlank()) {
            throw ApiError.badRequest(field + " must not be empty");
        }
        return n.asText();
    }

    private static String optionalString(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiError.badRequest(field + " must be a string");
        }
        return n.asText();
    }

    private static boolean optionalBoolean(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw ApiError.badRequest(field + " must be a boolean");
        }
        return n.booleanValue();
    }

    private static List<String> optionalLabels(JsonNode body) {
        JsonNode n = body.get("labels");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isArray()) {
            throw ApiError.badRequest("labels must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode l : n) {
            if (!l.isTextual()) {
                throw ApiError.badRequest("labels must be a list of strings");
            }
            out.add(l.asText());
        }
        return out;
    }
}
