package org.cfcr.petitions.signature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Problems with a submission: field name to the message key that explains it to the signer. */
public final class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    void reject(String field, String messageKey) {
        byField.putIfAbsent(field, messageKey);
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(byField);
    }
}
