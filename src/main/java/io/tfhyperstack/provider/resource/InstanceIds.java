package io.tfhyperstack.provider.resource;

/** Instance ids: integers in the API, decimal strings in Terraform. */
final class InstanceIds {
    private InstanceIds() {
    }

    static long parse(String id) {
        Long parsed = tryParse(id);
        if (parsed == null) {
            throw new IllegalArgumentException("not an instance id: \"" + id + "\"");
        }
        return parsed;
    }

    /** The id, or null when the text is not a positive integer. */
    static Long tryParse(String id) {
        if (id == null) {
            return null;
        }
        try {
            long v = Long.parseLong(id.strip());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
