package org.cfcr.petitions;

import io.micronaut.runtime.Micronaut;

public class Application {

    public static void main(String[] args) {
        ProductionGuard.checkOrExit(System.getenv(), System.getProperties());
        Micronaut.build(args).banner(false).mainClass(Application.class).start();
    }
}
