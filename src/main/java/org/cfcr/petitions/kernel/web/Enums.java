package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.Optional;

/** Reads an enum constant from a form field, which may hold anything. */
public final class Enums {

    private Enums() {
    }

    public static <E extends Enum<E>> Optional<E> named(Class<E> type, @Nullable String name) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(name)).findFirst();
    }
}
