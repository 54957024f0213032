package org.cfcr.petitions.kernel.db;


import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** Tells an unreachable or overloaded database (try again shortly) from a fault of ours. */
public final class DatabaseTrouble {

    private static final int GALERA_NODE_NOT_READY = 1047;

    private DatabaseTrouble() {
    }

    public static boolean isUnavailable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t.getClass().getName().endsWith("CannotCreateTransactionException")
                    || t instanceof GroupCommit.NotAnswered
                    // a Galera node outside the cluster's primary component (joining, or cut off) refuses
                    // every query with 1047 "WSREP has not yet prepared node for application use"
                    || t instanceof SQLException sql && sql.getErrorCode() == GALERA_NODE_NOT_READY) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** A Galera node outside the cluster's primary component (joining, or cut off) refused the query. */
    static boolean isClusterNodeNotReady(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == GALERA_NODE_NOT_READY) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
