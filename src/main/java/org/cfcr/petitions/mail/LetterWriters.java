package org.cfcr.petitions.mail;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds, for a batch of claimed emails, the feature that writes each kind, and asks each for its
 * letters in one transaction. An email of a kind no feature writes any more is skipped.
 */
@Singleton
class LetterWriters {

    private final Map<String, Letters> byKind = new HashMap<>();

    LetterWriters(List<Letters> features) {
        for (Letters letters : features) {
            for (EmailKind kind : letters.kinds()) {
                if (byKind.put(kind.name(), letters) != null) {
                    throw new IllegalStateException("Two features write emails of the kind " + kind.name());
                }
            }
        }
    }

    /** For each email, in order, its letter, or empty when there is nothing to send. */
    @Transactional
    public List<Optional<Letters.Letter>> prepare(List<QueuedEmail> emails) {
        Map<Letters, List<Integer>> positions = new HashMap<>();
        List<Optional<Letters.Letter>> letters = new ArrayList<>(emails.size());
        for (int i = 0; i < emails.size(); i++) {
            letters.add(Optional.empty());
            Letters writer = byKind.get(emails.get(i).kind());
            if (writer != null) {
                positions.computeIfAbsent(writer, ignored -> new ArrayList<>()).add(i);
            }
        }
        positions.forEach((writer, at) -> {
            List<Optional<Letters.Letter>> written = writer.prepare(at.stream().map(emails::get).toList());
            for (int j = 0; j < at.size(); j++) {
                letters.set(at.get(j), written.get(j));
            }
        });
        return letters;
    }
}
