package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A shared render with one visitor's token (the sign form's time) in it, kept as bytes: the shared
 * parts are encoded in UTF-8 and deflated once, when the render is made, and each visitor's page is
 * put together from them. Building a 23,000-character page with String.replace, encoding it and
 * gzipping it anew for each visitor was most of what a crowd on the campaign page cost (JFR,
 * bench/pages).
 * <p>
 * The gzipped page is valid DEFLATE (RFC 1951) made of pieces: each shared part is deflated on its
 * own and ends on a byte boundary (a sync flush), the token goes in as a stored block wherever the
 * stand-in stood, and an empty final block closes the stream. Only the gzip trailer (CRC-32 and
 * length of the whole) is computed per visitor.
 */
public final class StampedPage implements Writable {

    /** A render's shared parts, between which the token goes. */
    static final class Parts {
        private final byte[][] plain;
        private final byte[][] deflated;
        private final int plainLength;
        private final int deflatedLength;

        private Parts(String[] texts) {
            this.plain = new byte[texts.length][];
            this.deflated = new byte[texts.length][];
            int plainTotal = 0;
            int deflatedTotal = 0;
            for (int i = 0; i < texts.length; i++) {
                plain[i] = texts[i].getBytes(StandardCharsets.UTF_8);
                deflated[i] = deflateFlushed(plain[i]);
                plainTotal += plain[i].length;
                deflatedTotal += deflated[i].length;
            }
            this.plainLength = plainTotal;
            this.deflatedLength = deflatedTotal;
        }

        /** What the cache weighs a render by. */
        int weight() {
            return plainLength + deflatedLength;
        }

        /** How many times the token goes in. */
        private int gaps() {
            return plain.length - 1;
        }

        StampedPage with(String token) {
            return new StampedPage(this, token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final, empty block with fixed codes: it ends the stream after the last sync flush. */
    private static final byte[] FINAL_BLOCK = {0x03, 0x00};
    private static final int STORED_BLOCK_HEADER = 5;

    private final Parts parts;
    private final byte[] token;

    private StampedPage(Parts parts, byte[] token) {
        this.parts = parts;
        this.token = token;
    }

    /** The page as UTF-8. */
    public byte[] bytes() {
        byte[] out = new byte[parts.plainLength + parts.gaps() * token.length];
        int at = 0;
        for (int i = 0; i < parts.plain.length; i++) {
            System.arraycopy(parts.plain[i], 0, out, at, parts.plain[i].length);
            at += parts.plain[i].length;
            if (i < parts.gaps()) {
                System.arraycopy(token, 0, out, at, token.length);
                at += token.length;
            }
        }
        return out;
    }

    /** The page gzipped (RFC 1952), as {@link #bytes()} would decompress. */
    public byte[] gzipped() {
        CRC32 crc = new CRC32();
        long length = 0;
        byte[] out = new byte[GZIP_HEADER.length + parts.deflatedLength
                + parts.gaps() * (STORED_BLOCK_HEADER + token.length) + FINAL_BLOCK.length + 8];
        System.arraycopy(GZIP_HEADER, 0, out, 0, GZIP_HEADER.length);
        int at = GZIP_HEADER.length;
        for (int i = 0; i < parts.plain.length; i++) {
            System.arraycopy(parts.deflated[i], 0, out, at, parts.deflated[i].length);
            at += parts.deflated[i].length;
            crc.update(parts.plain[i]);
            length += parts.plain[i].length;
            if (i < parts.gaps()) {
                at = storedBlock(token, out, at);
                crc.update(token);
                length += token.length;
            }
        }
        System.arraycopy(FINAL_BLOCK, 0, out, at, FINAL_BLOCK.length);
        at += FINAL_BLOCK.length;
        at = littleEndian((int) crc.getValue(), out, at);
        littleEndian((int) length, out, at);
        return out;
    }

    @Override
    public void writeTo(Writer out) throws IOException {
        out.write(new String(bytes(), StandardCharsets.UTF_8));
    }

    @Override
    public void writeTo(OutputStream out, @Nullable Charset charset) throws IOException {
        if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
            out.write(bytes());
        } else {
            Writable.super.writeTo(out, charset);
        }
    }

    /** A token as a stored block: never more than 65,535 bytes, and the stream is byte-aligned here. */
    private static int storedBlock(byte[] data, byte[] out, int at) {
        if (data.length > 0xffff) {
            throw new IllegalArgumentException("a token longer than a stored block");
        }
        out[at] = 0; // not final, stored; the rest of the byte pads to the boundary
        out[at + 1] = (byte) data.length;
        out[at + 2] = (byte) (data.length >>> 8);
        out[at + 3] = (byte) ~data.length;
        out[at + 4] = (byte) (~data.length >>> 8);
        System.arraycopy(data, 0, out, at + STORED_BLOCK_HEADER, data.length);
        return at + STORED_BLOCK_HEADER + data.length;
    }

    private static int littleEndian(int value, byte[] out, int at) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
        return at + 4;
    }

    /** Raw DEFLATE of one part, ending with a sync flush: no final block, and on a byte boundary. */
    private static byte[] deflateFlushed(byte[] plain) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true); // once per render: worth the time
        try {
            deflater.setInput(plain);
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
            byte[] buffer = new byte[8192];
            int written;
            do {
                written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                out.write(buffer, 0, written);
            } while (written == buffer.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Splits a render at each occurrence of the stand-in, where the token goes. */
    static Parts split(String html, String stand) {
        return new Parts(html.split(Pattern.quote(stand), -1));
    }
}
