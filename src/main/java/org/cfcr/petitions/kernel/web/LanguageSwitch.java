package org.cfcr.petitions.kernel.web;

/**
 * A link of the page header to the same page in another language: its code (for the lang and
 * hreflang attributes), the language's own name, and the address.
 */
public record LanguageSwitch(String code, String name, String href) {
}
