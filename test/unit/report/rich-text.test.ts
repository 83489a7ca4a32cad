import { describe, expect, it } from 'vitest';
import { parseRichText, safeHref, safeHttpHref } from '../../../src/report/rich-text.js';
import { escapeMarkdown, richTextToMarkdown, richTextToPlain } from '../../../src/report/rich-text-format.js';
import { richTextHtml } from '../../../src/report/html/rich-text.js';

const html = (source: string) => richTextHtml(parseRichText(source)).value;

describe('follow-up texts as safe formatted text', () => {
  it('keeps paragraphs, lists, bold, line breaks and http(s)/mailto links', () => {
    const source =
      '<p>Vi har <b>ansökt</b> &amp; <strong>fått</strong> medel.</p><ul><li>Ett <a href="https://ec.europa.eu/x y">program</a></li><li>Två<br>rader</li></ul><ol><li>Först</li></ol><p>Kontakt: <a href="mailto:a@b.se">a@b.se</a></p>';
    expect(html(source)).toBe(
      '<p>Vi har <strong>ansökt</strong> &amp; <strong>fått</strong> medel.</p><ul><li>Ett <a href="https://ec.europa.eu/x%20y" rel="noopener noreferrer nofollow">program</a></li><li>Två<br>rader</li></ul><ol><li>Först</li></ol><p>Kontakt: <a href="mailto:a@b.se" rel="noopener noreferrer nofollow">a@b.se</a></p>',
    );
    expect(richTextToPlain(parseRichText(source))).toBe('Vi har ansökt & fått medel.\n\n• Ett program (https://ec.europa.eu/x%20y)\n• Två\nrader\n\n1. Först\n\nKontakt: a@b.se');
    expect(richTextToMarkdown(parseRichText(source))).toBe(
      'Vi har **ansökt** \\& **fått** medel.\n\n- Ett [program](<https://ec.europa.eu/x%20y>)\n- Två\\\n   rader\n\n1. Först\n\nKontakt: [a@b.se](<mailto:a@b.se>)',
    );
  });

  it('drops scripts, styles, event handlers, frames and unsafe links, keeping the readable text', () => {
    const source =
      '<script>alert(1)</script><style>p{color:red}</style><img src=x onerror=alert(2)><p onclick="alert(3)" style="x">Text <a href="javascript:alert(4)">klick</a> <a href="data:text/html,x">data</a> <a href="/relativ">rel</a></p><iframe src="https://evil.example"><p>inne</p></iframe><svg><script>alert(5)</script></svg>';
    const out = html(source);
    expect(out).toBe('<p>Text klick data rel</p>');
    expect(safeHref(' https://x.se/a ')).toBe('https://x.se/a');
    // A mailto: address keeps < > and quotes through the URL parser: encoded, they cannot close Markdown's <…> or an attribute.
    const mailto = '<p>Se <a href="mailto:info@gavle.example><img src=x onerror=alert(1)>">kontakt</a></p>';
    expect(richTextToMarkdown(parseRichText(mailto))).toBe('Se [kontakt](<mailto:info@gavle.example%3E%3Cimg%20src=x%20onerror=alert(1)%3E>)');
    expect(safeHttpHref('mailto:a@b.se')).toBeNull();
    expect(safeHttpHref('https://x.se/rapport?id=1')).toBe('https://x.se/rapport?id=1');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:x', 'data:text/html,x', '//evil.example', '/path', '']) expect(safeHref(bad)).toBeNull();
  });

  it('reads entities, collapses whitespace, drops control characters and empty blocks', () => {
    const parsed = parseRichText('<div>  rad&nbsp;ett \n\t två\u0007 </div><p></p><p>&lt;b&gt;inte fet&lt;/b&gt;</p>');
    expect(richTextToPlain(parsed)).toBe('rad ett två\n\n<b>inte fet</b>');
    expect(html('<p>&lt;b&gt;inte fet&lt;/b&gt;</p>')).toBe('<p>&lt;b&gt;inte fet&lt;/b&gt;</p>');
    expect(parseRichText('   ')).toEqual([]);
    expect(parseRichText('<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>')).toEqual([
      {
        kind: 'list',
        isOrdered: false,
        items: [[{ kind: 'text', text: 'a', isBold: false, href: null }], [{ kind: 'text', text: 'b', isBold: false, href: null }], [{ kind: 'text', text: 'c', isBold: false, href: null }]],
      },
    ]);
  });

  it('escapes Markdown with backslashes, never with entities', () => {
    expect(escapeMarkdown('<b>x</b> & [y](z) | *w* _v_')).toBe('\\<b\\>x\\</b\\> \\& \\[y\\](z) \\| \\*w\\* \\_v\\_');
    expect(escapeMarkdown('# rubrik')).toBe('\\# rubrik');
    expect(escapeMarkdown('1. a')).toBe('1\\. a');
  });
});
