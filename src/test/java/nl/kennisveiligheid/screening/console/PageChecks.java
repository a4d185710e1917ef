package nl.kennisveiligheid.screening.console;

import java.util.List;

/**
 * Accessibility checks run inside the browser on the rendered page, so that they see what an officer
 * sees: computed colours, real layout, the label each control is announced with.
 */
final class PageChecks {

    private PageChecks() {}

    /** Controls no assistive technology could name: no label, no aria-label, not inside a label. */
    static final String UNLABELLED_CONTROLS = """
            return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
              .filter(el => {
                if (el.tagName === 'BUTTON') return !el.textContent.trim() && !el.getAttribute('aria-label');
                if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
                if (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) return false;
                return !el.closest('label');
              })
              .map(el => el.outerHTML.slice(0, 120));
            """;

    /** Visible text below WCAG 2.2 AA contrast (4.5:1, or 3:1 for large text) against its background. */
    static final String LOW_CONTRAST_TEXT = """
            const channels = c => c.match(/[\\d.]+/g).map(Number);
            const luminance = ([r, g, b]) => {
              const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
            };
            const background = el => {
              for (let e = el; e; e = e.parentElement) {
                const c = channels(getComputedStyle(e).backgroundColor);
                if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
              }
              return [255, 255, 255];
            };
            const low = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const node = walker.currentNode;
              if (!node.textContent.trim()) continue;
              const el = node.parentElement;
              const style = getComputedStyle(el);
              if (style.visibility === 'hidden' || el.getClientRects().length === 0) continue;
              const a = luminance(channels(style.color).slice(0, 3)), b = luminance(background(el));
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
              const large = size >= 24 || (bold && size >= 18.66);
              if (ratio < (large ? 3 : 4.5)) low.push(el.tagName + ' "' + node.textContent.trim().slice(0, 40) + '" ' + ratio.toFixed(2));
            }
            return low;
            """;

    /** Whether the page scrolls sideways: at 200% zoom nothing may. */
    static final String HORIZONTAL_OVERFLOW = """
            return document.documentElement.scrollWidth - document.documentElement.clientWidth;
            """;

    @SuppressWarnings("unchecked")
    static List<String> list(Browser browser, String script) {
        return (List<String>) browser.script(script);
    }
}
