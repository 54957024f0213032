package org.cfcr.petitions.kernel.web;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StampedPageTest {

    @Test
    void the_gzipped_page_is_the_page_with_the_visitors_token_wherever_the_stand_in_stood() throws IOException {
        String html = "<html lang=\"zh\"><p>政府官员必须申报财产</p><input value=\"FORM\">"
                + "<input value=\"FORM\"></html>";
        StampedPage page = StampedPage.split(html, List.of("FORM"), true).with("1.2.sig&amp;");
        String expected = html.replace("FORM", "1.2.sig&amp;");
        assertEquals(expected, new String(page.bytes(), StandardCharsets.UTF_8));
        assertEquals(expected, new String(gunzip(page.gzipped()), StandardCharsets.UTF_8));
    }

    @Test
    void large_parts_empty_parts_and_a_token_at_either_end_decompress_whole() throws IOException {
        Random random = new Random(16);
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 60_000; i++) {
            big.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : 0x4e00 + random.nextInt(2000)));
        }
        String html = "FORM" + big + "FORMFORM" + big.reverse() + "FORM";
        for (String token : new String[] {"", "x".repeat(300)}) {
            StampedPage page = StampedPage.split(html, List.of("FORM"), true).with(token);
            assertArrayEquals(page.bytes(), gunzip(page.gzipped()));
            assertEquals(html.replace("FORM", token), new String(page.bytes(), StandardCharsets.UTF_8));
            assertTrue(page.gzipped().length < page.bytes().length, "compressed");
        }
    }

    @Test
    void a_page_without_stand_ins_is_one_part() throws IOException {
        StampedPage page = StampedPage.split("plain", List.of("FORM"), true).with("a");
        assertEquals("plain", new String(gunzip(page.gzipped()), StandardCharsets.UTF_8));
    }

    @Test
    void each_stamp_goes_where_its_own_stand_in_stood_whatever_its_length() throws IOException {
        String html = "<form action=\"/confirm/S0\"><input value=\"S1\"><dd>S2</dd><input value=\"S1\">S0</form>";
        for (int length : new int[] {0, 65_535, 65_536, 140_000}) {
            String long1 = "n".repeat(length);
            StampedPage page = StampedPage.split(html, List.of("S0", "S1", "S2"), false).with("tok", long1, "刘晓波");
            String expected = html.replace("S0", "tok").replace("S1", long1).replace("S2", "刘晓波");
            assertEquals(expected, new String(page.bytes(), StandardCharsets.UTF_8));
            assertEquals(expected, new String(gunzip(page.gzipped()), StandardCharsets.UTF_8), "length " + length);
            assertFalse(page.isSameForEveryone());
        }
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
