package org.cfcr.petitions.export;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code ref} of an export's row: the export record's id and the row's id, encrypted under a
 * key of the service, as 26 letters and digits (base32). Each export's refs differ for the same
 * signer, and a ref read back names its export and row with nothing else from the file: one row
 * that kept its ref is enough.
 * <p>
 * The block is 6 bytes of record id, 6 of row id and 4 zero bytes, encrypted with AES as one block
 * (a pseudorandom permutation: ECB's weakness, equal blocks for equal plaintexts, needs two equal
 * plaintexts, and no two rows share a record and a row id). A made-up or mistyped ref decrypts to
 * a block whose last 4 bytes are zero once in 4 billion tries, so a ref cannot be forged to name an
 * export without the key.
 */
final class ExportRefs {

    static final int LENGTH = 26;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final long MAX_ID = (1L << 48) - 1;

    private final SecretKeySpec key;

    /** @param key 16 bytes */
    ExportRefs(byte[] key) {
        this.key = new SecretKeySpec(key, 0, 16, "AES");
    }

    /** What a ref says: which export wrote it, on the row with which id. */
    record Mark(long recordId, long rowId) {
    }

    /** One export's writer of refs; like a {@link Cipher}, for one thread. */
    final class Writer {
        private final Cipher cipher = cipher(Cipher.ENCRYPT_MODE);
        private final long recordId;

        private Writer(long recordId) {
            this.recordId = recordId;
        }

        String ref(long rowId) {
            if (rowId < 0 || rowId > MAX_ID) {
                throw new IllegalArgumentException("Row id out of range: " + rowId);
            }
            ByteBuffer block = ByteBuffer.allocate(16);
            block.putShort((short) (recordId >>> 32)).putInt((int) recordId);
            block.putShort((short) (rowId >>> 32)).putInt((int) rowId);
            try {
                return base32(cipher.doFinal(block.array()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Writer writer(long recordId) {
        if (recordId < 0 || recordId > MAX_ID) {
            throw new IllegalArgumentException("Record id out of range: " + recordId);
        }
        return new Writer(recordId);
    }

    /** One reader of refs, for one thread. */
    final class Reader {
        private final Cipher cipher = cipher(Cipher.DECRYPT_MODE);

        /**
         * The mark of a ref as a spreadsheet may have left it: any case, with spaces, hyphens or a
         * leading apostrophe. Empty for anything that is not a ref of ours.
         */
        Optional<Mark> read(String cell) {
            byte[] bytes = unbase32(clean(cell));
            if (bytes == null) {
                return Optional.empty();
            }
            ByteBuffer block;
            try {
                block = ByteBuffer.wrap(cipher.doFinal(bytes));
            } catch (GeneralSecurityException e) {
                return Optional.empty();
            }
            long recordId = ((block.getShort() & 0xFFFFL) << 32) | (block.getInt() & 0xFFFFFFFFL);
            long rowId = ((block.getShort() & 0xFFFFL) << 32) | (block.getInt() & 0xFFFFFFFFL);
            return block.getInt() == 0 ? Optional.of(new Mark(recordId, rowId)) : Optional.empty();
        }
    }

    Reader reader() {
        return new Reader();
    }

    private Cipher cipher(int mode) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, key);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String clean(String cell) {
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < cell.length() && out.length() <= LENGTH; i++) {
            char c = cell.charAt(i);
            if (c != ' ' && c != '-' && c != '\'' && c != '"' && c != '\uFEFF') {
                out.append(c);
            }
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** RFC 4648 base32 of 16 bytes, without padding: 26 characters. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    /** The 16 bytes of a 26-character base32 text, or null. */
    static byte[] unbase32(String text) {
        if (text.length() != LENGTH) {
            return null;
        }
        byte[] out = new byte[16];
        int buffer = 0;
        int bits = 0;
        int at = 0;
        for (int i = 0; i < LENGTH; i++) {
            int value = ALPHABET.indexOf(text.charAt(i));
            if (value < 0) {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                if (at == 16) {
                    return null;
                }
                out[at++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        // 130 bits for 128: the last 2 must be zero, or two texts would read as the same ref
        return at == 16 && (buffer & ((1 << bits) - 1)) == 0 ? out : null;
    }
}
