/**
 * Markdown for lesson and scenario texts, rendered with marked and then sanitised with DOMPurify:
 * lesson and scenario text may come from a link or a file, so only a short list of harmless
 * elements survives — no scripts, no event handlers, no images, frames, forms or styles — and
 * links open in a new tab without access to this page.
 */
import { Marked } from 'marked';
import DOMPurify from 'dompurify';

const markdown = new Marked({ gfm: true, breaks: false, async: false });
// Bare addresses and URLs stay text: the simulated world's alice@example.com is not a mail link.
// Raw HTML is text too: an author's "<CR><LF>" is shown as written, and markup from a link never
// reaches the page as markup (DOMPurify below is the second line of defence).
markdown.use({ tokenizer: { url: () => undefined, html: () => undefined, tag: () => undefined } });

const ALLOWED_TAGS = ['p', 'br', 'em', 'strong', 'del', 'code', 'kbd', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5', 'h6', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

let hooked = false;

function purify(html: string): string {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'align'],
    ALLOW_DATA_ATTR: false,
    ALLOWED_URI_REGEXP: /^(?:https?:|#)/i,
  });
}

/** renderMarkdown turns Markdown into sanitised HTML; `inline` for one line (an option, a title). */
export function renderMarkdown(text: string, inline = false): string {
  // Headings h1/h2 would compete with the page's own; authors' headings start at h3.
  const source = inline ? text : text.replace(/^(#{1,2})(?=\s)/gm, '###');
  const html = inline ? (markdown.parseInline(source) as string) : (markdown.parse(source) as string);
  return purify(html);
}
