package org.cfcr.petitions.kernel.web;

/**
 * The few threads that render the public pages a crowd loads (campaign, home, signer list, press,
 * widget, badge), named for {@code @ExecuteOn}.
 * <p>
 * These pages come from memory almost every time, so their work is the processors' alone. Handed to
 * the blocking executor, each view woke an idle thread and put it back to sleep: a tenth of the
 * processors in a viral hour went to that hand-off (async-profiler over bench/viral.lua). A fixed handful of
 * threads with a queue keeps working through the crowd without sleeping between views, and the few
 * more than processors cover the moments a cache asks the database.
 * <p>
 * Only work that ends in a moment belongs here. Whatever may wait (a signature waiting for its
 * commit, a download streaming a million rows, a password being checked, the database on a page
 * that is not cached) stays on the blocking executor, so that no crowd of it can hold every page
 * thread: {@code PageThreadsTest} keeps every route here a GET that answers at once.
 */
public final class PageThreads {

    /** The executor's name in application.yml's micronaut.executors. */
    public static final String EXECUTOR = "pages";

    private PageThreads() {
    }
}
