package org.carepath.compliance;

import java.util.List;

final class Lists {
    private Lists() {
    }

    /** Facts hold immutable lists; an absent list is an empty one. */
    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
