package quantmini.core.validation;

import java.util.Locale;

/** The layers of the lake, in the order data flows through them (DESIGN.md §2). */
public enum LakeLayer {
    LANDING, BRONZE, SILVER, GOLD;

    /** The name users type and reports print, e.g. {@code bronze}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
