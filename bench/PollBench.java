import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tfhyperstack.hyperstack.Cancellation;
import io.tfhyperstack.hyperstack.HyperstackClient;
import io.tfhyperstack.hyperstack.StatusWaiter;
import io.tfhyperstack.hyperstack.model.Instance;
import io.tfhyperstack.hyperstack.model.InstanceStatus;
import io.tfhyperstack.simulator.Simulator;
import io.tfhyperstack.simulator.SimulatorStats;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the status poll asks the API per interval while machines stop (hardening issue, item 5): an
 * in-process simulator with 1,000 instances, the client's default poll interval (1 s growing to 8 s),
 * and waits for 1 and for 20 stops. Each wait's predicate notes the simulator's request total as the
 * poll shows it the machine, so the differences between the totals are the requests of each tick.
 *
 * <p>Three cases, each with a fresh client: one wait in a process that has listed nothing yet (its first
 * tick lists, to learn how many pages there are), one wait after a lookup has listed, and 20 waits.
 *
 * <p>usage: java -cp target/provider/terraform-provider-hyperstack.jar bench/PollBench.java [instances]
 * [step delay in seconds] (defaults 1000 and 20; build first with
 * {@code mvn -q -B -ntp package -DskipTests -Dcds.skip=true}).
 */
public final class PollBench {
    private static Simulator sim;

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration step = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        sim = Simulator.builder().seedJson(catalogOnly()).syntheticInstances(instances).stepDelay(step).build().start();
        try {
            List<Instance> all = client().listInstances();
            List<Long> active = new ArrayList<>();
            for (Instance i : all) {
                if (i.statusView() == InstanceStatus.ACTIVE) {
                    active.add(i.id());
                }
            }
            System.out.printf("%d instances (%d pages of %d), step delay %d s, poll interval %d s growing to %d s%n",
                    all.size(), (all.size() + HyperstackClient.PAGE_SIZE - 1) / HyperstackClient.PAGE_SIZE,
                    HyperstackClient.PAGE_SIZE, step.toSeconds(), StatusWaiter.DEFAULT_INITIAL_INTERVAL.toSeconds(),
                    StatusWaiter.DEFAULT_MAX_INTERVAL.toSeconds());
            run("1 waiter, nothing listed before", client(), active.subList(0, 1));
            HyperstackClient afterLookup = client();
            afterLookup.directory().all();
            run("1 waiter, after a lookup", afterLookup, active.subList(1, 2));
            run("20 waiters", client(), active.subList(2, 22));
        } finally {
            sim.close();
        }
    }

    /** The default seed's environments, keys, flavors and images without its machines, so the count is exact. */
    private static String catalogOnly() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = Simulator.class.getResourceAsStream("/simulator/default-seed.json")) {
            ObjectNode seed = (ObjectNode) json.readTree(in);
            seed.remove("instances");
            return json.writeValueAsString(seed);
        }
    }

    private static HyperstackClient client() {
        return HyperstackClient.builder().baseUrl(sim.baseUrl()).apiKey(sim.apiKey()).build();
    }

    private static void run(String name, HyperstackClient client, List<Long> ids) throws Exception {
        for (long id : ids) {
            client.stopInstance(id);
        }
        sim.resetStats();
        SortedSet<Long> totalsSeen = new ConcurrentSkipListSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        long start = System.nanoTime();
        List<Future<Instance>> waits = new ArrayList<>();
        for (long id : ids) {
            waits.add(pool.submit(() -> client.statusWaiter().awaitStatus(id, i -> {
                totalsSeen.add(sim.stats().total());
                return i.statusView() == InstanceStatus.SHUTOFF;
            }, Duration.ofMinutes(10), Cancellation.none())));
        }
        for (Future<Instance> w : waits) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        SimulatorStats stats = sim.stats();
        List<Long> perTick = new ArrayList<>();
        long before = 0;
        for (long t : totalsSeen) {
            perTick.add(t - before);
            before = t;
        }
        long later = perTick.size() > 1 ? perTick.get(perTick.size() - 1) : perTick.get(0);
        System.out.printf("%-32s %2d ticks in %4.1f s, %3d requests (%d listing pages, %d GET by id);"
                        + " per tick %s; %d per interval from the second tick on%n",
                name + ":", perTick.size(), seconds, stats.total(),
                stats.count("GET", "/core/virtual-machines"), stats.count("GET", "/core/virtual-machines/{id}"),
                perTick, later);
    }
}
