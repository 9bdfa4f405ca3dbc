package io.tfhyperstack.hyperstack;

/**
 * Filters for listing virtual machines, passed to the API as {@code search}, {@code environment} and
 * {@code exact_environment_match}. What the API's {@code search} matches is not documented (the name
 * at least), so callers that need an exact answer filter the result again themselves.
 *
 * @param search free-text filter, or null for none
 * @param environment environment name or id, or null for every environment
 * @param exactEnvironmentMatch ask the API to match {@code environment} exactly rather than by substring
 */
public record InstanceQuery(String search, String environment, boolean exactEnvironmentMatch) {
    private static final InstanceQuery ALL = new InstanceQuery(null, null, false);

    /** Every machine the key can see. */
    public static InstanceQuery all() {
        return ALL;
    }

    /** Machines the API's search matches for {@code text}. */
    public static InstanceQuery search(String text) {
        return new InstanceQuery(text, null, false);
    }

    /** Machines in exactly this environment. */
    public static InstanceQuery inEnvironment(String environment) {
        return new InstanceQuery(null, environment, true);
    }

    public InstanceQuery withSearch(String text) {
        return new InstanceQuery(text, environment, exactEnvironmentMatch);
    }
}
