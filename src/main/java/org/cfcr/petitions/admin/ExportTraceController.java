package org.cfcr.petitions.admin;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.export.ExportTracing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Admins only: rows of a leaked file, pasted or uploaded, and the export they came from. The form
 * is multipart (it has a file input); its CSRF token is checked by the filter like any other form's.
 */
@Hidden
@Controller("/admin/exports/trace")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ExportTraceController {

    private final ExportTracing tracing;

    ExportTraceController(ExportTracing tracing) {
        this.tracing = tracing;
    }

    /**
     * The form, and after a lookup its answer.
     *
     * @param rows  what was pasted, shown again when it could not be traced
     * @param error the message key of why not
     */
    @Introspected
    record TracePage(Account me, String rows, @Nullable String error, @Nullable ExportTracing.Trace trace) {
    }

    @Get
    HttpResponse<?> form(Account me) {
        return page(HttpStatus.OK, new TracePage(AdminOnly.require(me), "", null, null));
    }

    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    HttpResponse<?> trace(@Nullable @Part("rows") String rows, @Nullable @Part("file") CompletedFileUpload file,
                          Account me) {
        AdminOnly.require(me);
        List<String> texts = new ArrayList<>();
        texts.add(rows == null ? "" : rows);
        if (file != null && file.getSize() > 0) {
            try {
                texts.add(ExportTracing.fileText(file.getBytes()));
            } catch (IOException e) {
                return page(HttpStatus.BAD_REQUEST, new TracePage(me, "", "admin.trace.error.unreadable", null));
            }
        }
        ExportTracing.Result result = tracing.trace(texts, me.id());
        if (result instanceof ExportTracing.Refused refused) {
            return page(HttpStatus.UNPROCESSABLE_ENTITY, new TracePage(me, rows == null ? "" : rows, refused.messageKey(), null));
        }
        return page(HttpStatus.OK, new TracePage(me, "", null, ((ExportTracing.Traced) result).trace()));
    }

    private static HttpResponse<?> page(HttpStatus status, TracePage page) {
        return HttpResponse.status(status).body(new ModelAndView<>("admin/trace", page));
    }
}
