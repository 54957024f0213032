/**
 * The users' stories, told over HTTP to the whole service on the real database and SMTP server.
 * <p>
 * The tests stand in three levels, like a pyramid:
 * <ol>
 *     <li>plain unit tests beside the code they test, one rule at a time, with no service and no
 *     database ({@code SignatureTest}, {@code ResendPolicyTest}, {@code SignatureScreeningTest}, ...);</li>
 *     <li>component tests on the real database, without the service ({@code kernel/db/SqlTest});</li>
 *     <li>the journeys here, about a dozen, each named as a user's story. Each class starts the
 *     service once, so a journey holds every test that can share its settings; a class with
 *     settings of its own ({@code extraProperties}) says why.</li>
 * </ol>
 * Journeys make their own campaigns and addresses, move the {@code TestClock} instead of editing
 * rows, and make a signature in the state they need through the store ({@code SignatureBuilder}).
 */
package org.cfcr.petitions.journeys;
