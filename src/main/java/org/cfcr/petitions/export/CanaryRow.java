package org.cfcr.petitions.export;

import org.cfcr.petitions.signature.Signature;

/**
 * A made-up signer written into one export's file and nowhere else.
 *
 * @param looks     the row as the file shows it, in the shape of a signature's row; it is no
 *                  signature, and nothing ever stores it as one
 * @param afterRows how many real rows of the file come before it
 */
record CanaryRow(Signature looks, long afterRows) {

    String email() {
        return looks.email();
    }

    String name() {
        return looks.name();
    }

    long rowId() {
        return looks.id();
    }
}
