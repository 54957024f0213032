package org.cfcr.petitions.signature;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PublicDisplayTest {

    @Test
    void initials_keep_one_letter_per_name_or_the_chinese_family_name() {
        assertEquals("L. X.", PublicDisplay.INITIALS.publicName("Liu Xiaobo"));
        assertEquals("刘某", PublicDisplay.INITIALS.publicName("刘晓波"));
        assertEquals("Z. Ñ.", PublicDisplay.INITIALS.publicName("zoë ñúñez"));
        assertEquals("Chen Guangcheng", PublicDisplay.FULL_NAME.publicName("Chen Guangcheng"));
        assertNull(PublicDisplay.HIDDEN.publicName("Anyone"));
    }
}
