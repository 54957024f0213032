package org.cfcr.petitions.kernel.web;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;

import java.util.HashMap;
import java.util.Map;

/**
 * A page's model as the templates read it: each page's record (annotated {@code @Introspected})
 * becomes its components by name, so a template's variables are the record's components.
 */
final class PageModels {

    private PageModels() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object model) {
        Map<String, Object> variables = new HashMap<>();
        if (model == null) {
            return variables;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((name, value) -> variables.put(String.valueOf(name), value));
            return variables;
        }
        BeanIntrospection<Object> page = BeanIntrospector.SHARED.findIntrospection((Class<Object>) model.getClass())
                .orElseThrow(() -> new IllegalStateException("A page model must be @Introspected: " + model.getClass()));
        for (BeanProperty<Object, Object> property : page.getBeanProperties()) {
            variables.put(property.getName(), property.get(model));
        }
        return variables;
    }
}
