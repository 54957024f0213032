package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A shared render with one visitor's stamps in it (the sign form's time; on the page of a signer's
 * own link, that signer's details and the browser's CSRF token), kept as bytes: the shared parts
 * are encoded in UTF-8 and deflated once, when the render is made, and each visitor's page is put
 * together from them. Building a 23,000-character page with String.replace, encoding it and
 * gzipping it anew for each visitor was most of what a crowd on the campaign page cost (JFR,
 * bench/pages).
 * <p>
 * The gzipped page is valid DEFLATE (RFC 1951) made of pieces: each shared part is deflated on its
 * own and ends on a byte boundary (a sync flush), each stamp goes in as stored blocks wherever its
 * stand-in stood, and an empty final block closes the stream. Only the gzip trailer (CRC-32 and
 * length of the whole) is computed per visitor.
 */
public final class StampedPage implements Writable {

    /** A render's shared parts, and which stamp goes in each gap between them. */
    static final class Parts {
        private final byte[][] plain;
        private final byte[][] deflated;
        private final int[] gapStamps;
        private final boolean sameForEveryone;
        private final int plainLength;
        private final int deflatedLength;

        private Parts(List<String> texts, int[] gapStamps, boolean sameForEveryone) {
            this.plain = new byte[texts.size()][];
            this.deflated = new byte[texts.size()][];
            this.gapStamps = gapStamps;
            this.sameForEveryone = sameForEveryone;
            int plainTotal = 0;
            int deflatedTotal = 0;
            for (int i = 0; i < plain.length; i++) {
                plain[i] = texts.get(i).getBytes(StandardCharsets.UTF_8);
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

        /** The page with these stamps (escaped already), by the index of their stand-ins. */
        StampedPage with(String... stamps) {
            byte[][] bytes = new byte[stamps.length][];
            for (int i = 0; i < stamps.length; i++) {
                bytes[i] = stamps[i].getBytes(StandardCharsets.UTF_8);
            }
            return new StampedPage(this, bytes);
        }
    }

    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final, empty block with fixed codes: it ends the stream after the last sync flush. */
    private static final byte[] FINAL_BLOCK = {0x03, 0x00};
    private static final int STORED_BLOCK_HEADER = 5;

    private static final int STORED_BLOCK_MAX = 0xffff;

    private final Parts parts;
    private final byte[][] stamps;

    private StampedPage(Parts parts, byte[][] stamps) {
        this.parts = parts;
        this.stamps = stamps;
    }

    /**
     * Whether the page is the same for every visitor but for the form's time, so that a shared
     * cache in front may keep it; a page with anyone's details or CSRF token in it is not.
     */
    public boolean isSameForEveryone() {
        return parts.sameForEveryone;
    }

    private byte[] stampInGap(int gap) {
        return stamps[parts.gapStamps[gap]];
    }

    /** The page as UTF-8. */
    public byte[] bytes() {
        int length = parts.plainLength;
        for (int gap = 0; gap < parts.gapStamps.length; gap++) {
            length += stampInGap(gap).length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (int i = 0; i < parts.plain.length; i++) {
            System.arraycopy(parts.plain[i], 0, out, at, parts.plain[i].length);
            at += parts.plain[i].length;
            if (i < parts.gapStamps.length) {
                byte[] stamp = stampInGap(i);
                System.arraycopy(stamp, 0, out, at, stamp.length);
                at += stamp.length;
            }
        }
        return out;
    }

    /** The page gzipped (RFC 1952), as {@link #bytes()} would decompress. */
    public byte[] gzipped() {
        CRC32 crc = new CRC32();
        long length = 0;
        int stampBytes = 0;
        for (int gap = 0; gap < parts.gapStamps.length; gap++) {
            int stamp = stampInGap(gap).length;
            stampBytes += Math.max(1, (stamp + STORED_BLOCK_MAX - 1) / STORED_BLOCK_MAX) * STORED_BLOCK_HEADER + stamp;
        }
        byte[] out = new byte[GZIP_HEADER.length + parts.deflatedLength + stampBytes + FINAL_BLOCK.length + 8];
        System.arraycopy(GZIP_HEADER, 0, out, 0, GZIP_HEADER.length);
        int at = GZIP_HEADER.length;
        for (int i = 0; i < parts.plain.length; i++) {
            System.arraycopy(parts.deflated[i], 0, out, at, parts.deflated[i].length);
            at += parts.deflated[i].length;
            crc.update(parts.plain[i]);
            length += parts.plain[i].length;
            if (i < parts.gapStamps.length) {
                byte[] stamp = stampInGap(i);
                at = storedBlocks(stamp, out, at);
                crc.update(stamp);
                length += stamp.length;
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

    /** A stamp as stored blocks of at most 65,535 bytes each; the stream is byte-aligned here. */
    private static int storedBlocks(byte[] data, byte[] out, int at) {
        int from = 0;
        do {
            int size = Math.min(STORED_BLOCK_MAX, data.length - from);
            out[at] = 0; // not final, stored; the rest of the byte pads to the boundary
            out[at + 1] = (byte) size;
            out[at + 2] = (byte) (size >>> 8);
            out[at + 3] = (byte) ~size;
            out[at + 4] = (byte) (~size >>> 8);
            System.arraycopy(data, from, out, at + STORED_BLOCK_HEADER, size);
            at += STORED_BLOCK_HEADER + size;
            from += size;
        } while (from < data.length);
        return at;
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

    /**
     * Splits a render at each occurrence of a stand-in, where the stamp of the same index goes.
     *
     * @param sameForEveryone whether the stamps are only the form's time (see {@link #isSameForEveryone})
     */
    static Parts split(String html, List<String> stands, boolean sameForEveryone) {
        if (stands.isEmpty()) {
            return new Parts(List.of(html), new int[0], sameForEveryone);
        }
        Pattern anyStand = Pattern.compile(String.join("|", stands.stream().map(Pattern::quote).toList()));
        Matcher found = anyStand.matcher(html);
        List<String> texts = new ArrayList<>();
        List<Integer> gapStamps = new ArrayList<>();
        int from = 0;
        while (found.find()) {
            texts.add(html.substring(from, found.start()));
            gapStamps.add(stands.indexOf(found.group()));
            from = found.end();
        }
        texts.add(html.substring(from));
        return new Parts(texts, gapStamps.stream().mapToInt(Integer::intValue).toArray(), sameForEveryone);
    }
}
