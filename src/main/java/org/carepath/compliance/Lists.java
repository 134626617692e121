package org.carepath.compliance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

final class Lists {
    private Lists() {
    }

    /**
     * Facts hold unmodifiable lists; an absent list is an empty one. Not {@code List.copyOf}: its lists throw
     * on {@code contains(null)}, and rules ask "does this list contain the message's sponsor" when there is none.
     */
    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
