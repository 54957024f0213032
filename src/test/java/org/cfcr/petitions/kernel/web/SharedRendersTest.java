package org.cfcr.petitions.kernel.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One render per page shape; each visitor's stamps go in escaped, and nothing of theirs is kept. */
class SharedRendersTest {

    private final SharedRenders renders = new SharedRenders();
    private final AtomicInteger renderings = new AtomicInteger();

    private Map<String, Object> model(String name, String token) {
        Map<String, Object> model = new HashMap<>();
        model.put(SharedRenders.MODEL_KEY, "confirm READY");
        model.put(SharedRenders.STAMPS_KEY, List.of("name", "token"));
        model.put("lang", "en");
        model.put("name", name);
        model.put("token", token);
        return model;
    }

    private String page(Map<String, Object> model, Function<Map<String, Object>, String> template) {
        SharedRenders.Key key = SharedRenders.key("confirm", model);
        return new String(renders.page(key, model, stand -> {
            renderings.incrementAndGet();
            return template.apply(stand);
        }).bytes(), StandardCharsets.UTF_8);
    }

    private static String template(Map<String, Object> model) {
        return "<form action=\"/confirm/" + model.get("token") + "\"><input value=\"" + model.get("name") + "\">"
                + (model.get("name") == null ? "<p>hidden</p>" : "<dd>" + model.get("name") + "</dd>") + "</form>";
    }

    @Test
    void each_visitor_gets_their_own_stamps_escaped_from_one_render() {
        String first = page(model("Wang \"<b>Dan</b>", "tokA"), SharedRendersTest::template);
        String second = page(model("Li Hua", "tokB"), SharedRendersTest::template);
        assertEquals("<form action=\"/confirm/tokA\"><input value=\"Wang &quot;&lt;b&gt;Dan&lt;/b&gt;\">"
                + "<dd>Wang &quot;&lt;b&gt;Dan&lt;/b&gt;</dd></form>", first);
        assertEquals("<form action=\"/confirm/tokB\"><input value=\"Li Hua\"><dd>Li Hua</dd></form>", second);
        assertEquals(1, renderings.get(), "one render for both");
    }

    @Test
    void a_missing_stamp_is_a_render_of_its_own_shape() {
        page(model("Li Hua", "tokA"), SharedRendersTest::template);
        String hidden = page(model(null, "tokB"), SharedRendersTest::template);
        assertTrue(hidden.contains("<p>hidden</p>"), hidden);
        assertEquals(2, renderings.get());
    }

    @Test
    void a_template_that_changes_a_stamp_is_refused_rather_than_showing_the_stand_in() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> page(model("Li Hua", "tokA"), model -> "<p>" + model.get("name").toString().toUpperCase() + "</p>"));
        assertTrue(refused.getMessage().contains("changes a stamp"), refused.getMessage());
    }

    @Test
    void a_browsers_token_is_refused_unless_the_page_stamps_it() {
        Map<String, Object> model = model("Li Hua", "tokA");
        assertThrows(IllegalStateException.class,
                () -> page(model, stand -> "<input name=\"csrfToken\" value=\"x\">"));
        model.put(SharedRenders.STAMPS_KEY, List.of("name", "token", CsrfGuard.FIELD));
        model.put(CsrfGuard.FIELD, "browser-token");
        String stamped = page(model, stand -> "<input name=\"csrfToken\" value=\"" + stand.get(CsrfGuard.FIELD) + "\">");
        assertEquals("<input name=\"csrfToken\" value=\"browser-token\">", stamped);
        assertFalse(renders.page(SharedRenders.key("confirm", model), model, stand -> "").isSameForEveryone(),
                "a page with a browser's token is that browser's alone");
    }
}
