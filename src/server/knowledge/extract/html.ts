import { convert, type FormatCallback, type SelectorDefinition } from 'html-to-text';
import { normalizeText } from './normalize-text.js';

// Written as Markdown headings so the chunker splits sections at them.
const markdownHeading: FormatCallback = (element, walk, builder, formatOptions) => {
  const level = Number((formatOptions as { level?: number }).level ?? 1);
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(`${'#'.repeat(level)} `);
  walk(element.children, builder);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

const DROPPED = ['script', 'style', 'nav', 'noscript', 'template', 'svg', 'iframe', 'img', 'form'];

const selectors: SelectorDefinition[] = [
  ...[1, 2, 3, 4, 5, 6].map((level) => ({
    selector: `h${level}`,
    format: 'markdownHeading',
    options: { level },
  })),
  ...DROPPED.map((selector) => ({ selector, format: 'skip' })),
  { selector: 'a', options: { ignoreHref: true } },
  {
    selector: 'table',
    format: 'dataTable',
    options: { maxColumnWidth: 200, uppercaseHeaderCells: false },
  },
  { selector: 'ul', options: { itemPrefix: '- ' } },
];

/** An HTML page as plain text: h1–h6 become `#` headings; scripts, styles and navigation go. */
export function htmlToPlainText(html: string): string {
  const text = convert(html, {
    wordwrap: false,
    formatters: { markdownHeading },
    selectors,
  });
  // Headings carry inline markup too; keep each on one line.
  return normalizeText(
    text
      .split('\n')
      .map((line) => line.trimStart())
      .join('\n'),
  );
}
