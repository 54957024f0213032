package org.cfcr.petitions.kernel.i18n;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every text exists in English and in both Chinese scripts: a key added to one bundle must be added
 * to the others, and the Traditional bundle holds no character that only Simplified writes.
 */
class MessageBundlesTest {

    @Test
    void english_and_chinese_bundles_have_the_same_keys() throws IOException {
        Properties english = load("i18n/messages.properties");
        Properties chinese = load("i18n/messages_zh.properties");
        Set<String> onlyEnglish = new TreeSet<>(english.stringPropertyNames());
        onlyEnglish.removeAll(chinese.stringPropertyNames());
        Set<String> onlyChinese = new TreeSet<>(chinese.stringPropertyNames());
        onlyChinese.removeAll(english.stringPropertyNames());
        assertEquals(Set.of(), onlyEnglish, "keys missing from messages_zh.properties");
        assertEquals(Set.of(), onlyChinese, "keys missing from messages.properties");
        for (String key : chinese.stringPropertyNames()) {
            assertFalse(chinese.getProperty(key).isBlank(), key + " is empty in Chinese");
        }
    }

    @Test
    void traditional_bundle_has_the_same_keys_and_no_simplified_characters_left() throws IOException {
        Properties simplified = load("i18n/messages_zh.properties");
        Properties traditional = load("i18n/messages_zh_Hant.properties");
        assertEquals(new TreeSet<>(simplified.stringPropertyNames()), new TreeSet<>(traditional.stringPropertyNames()),
                "messages_zh_Hant.properties has the keys of messages_zh.properties");
        for (String key : traditional.stringPropertyNames()) {
            String text = traditional.getProperty(key);
            assertEquals(ChineseScripts.toTraditional(text), text, key + " still has Simplified characters");
        }
    }

    private static Properties load(String resource) throws IOException {
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        }
    }
}
