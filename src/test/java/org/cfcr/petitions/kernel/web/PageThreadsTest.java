package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.cfcr.petitions.support.ServiceTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page threads are few, so nothing that may wait goes on them: a crowd of it would hold every
 * page a crowd loads. They serve the pages a crowd loads, and the sign form is answered beside them.
 */
@MicronautTest(transactional = false)
class PageThreadsTest extends ServiceTest {

    @Inject
    Router router;

    @Test
    void every_route_on_the_page_threads_is_a_get_that_answers_at_once() {
        List<UriRouteInfo<?, ?>> onPageThreads = router.uriRoutes()
                .filter(route -> executor(route).filter(PageThreads.EXECUTOR::equals).isPresent())
                .toList();
        for (UriRouteInfo<?, ?> route : onPageThreads) {
            String what = route.getHttpMethodName() + " " + route.getUriMatchTemplate();
            assertTrue(Set.of(HttpMethod.GET, HttpMethod.HEAD).contains(route.getHttpMethod()),
                    what + ": only reads, never a change that waits for its commit");
            assertTrue(!route.isAsyncOrReactive() && !route.getUriMatchTemplate().toString().startsWith("/admin"),
                    what + ": no stream (a download holds its thread for as long as it lasts), no lead's page");
        }
        Set<String> pages = new TreeSet<>();
        onPageThreads.forEach(route -> pages.add(route.getUriMatchTemplate().toString()));
        assertTrue(pages.containsAll(List.of("/", "/campaigns/{slug}", "/campaigns/{slug}/check-email",
                "/campaigns/{slug}/signers", "/campaigns/{slug}/press", "/embed/{slug}", "/badge/{slug}.svg")), pages.toString());
    }

    @Test
    void the_sign_form_is_screened_and_handed_in_on_the_blocking_executor() {
        UriRouteInfo<?, ?> sign = router.uriRoutes()
                .filter(route -> route.getHttpMethod() == HttpMethod.POST
                        && route.getUriMatchTemplate().toString().equals("/campaigns/{slug}/signatures"))
                .findFirst().orElseThrow();
        assertEquals(Optional.of(TaskExecutors.BLOCKING), executor(sign));
    }

    private static Optional<String> executor(UriRouteInfo<?, ?> route) {
        return route.getAnnotationMetadata().stringValue(ExecuteOn.class);
    }
}
