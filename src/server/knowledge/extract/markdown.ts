import { Lexer, type Token, type Tokens } from 'marked';
import { htmlToPlainText } from './html.js';
import { normalizeText } from './normalize-text.js';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

// marked leaves entities as written; the HTML renderer would have decoded them.
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const hex = /^#x/i.test(name);
      const code = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function inline(tokens: Token[] | undefined): string {
  return (tokens ?? []).map(inlineToken).join('');
}

function inlineToken(token: Token): string {
  switch (token.type) {
    case 'text':
      return 'tokens' in token && token.tokens ? inline(token.tokens) : decodeEntities(token.text);
    case 'strong':
    case 'em':
    case 'del':
    case 'link':
      return inline(token.tokens);
    case 'image':
    case 'codespan':
    case 'escape':
      return (token as Tokens.Image | Tokens.Codespan | Tokens.Escape).text;
    case 'br':
      return '\n';
    case 'html':
      return /^<br\s*\/?>$/i.test(token.text) ? '\n' : '';
    default:
      return typeof token.raw === 'string' ? token.raw : '';
  }
}

function list(token: Tokens.List): string {
  const start = Number(token.start) || 1;
  return token.items
    .map((item, index) => {
      const marker = token.ordered ? `${start + index}.` : '-';
      const body = blocks(item.tokens).join('\n');
      return `${marker} ${body.replace(/\n/g, '\n  ')}`;
    })
    .join('\n');
}

function table(token: Tokens.Table): string {
  const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens)).join(' | ');
  return [row(token.header), ...token.rows.map(row)].join('\n');
}

function block(token: Token): string {
  switch (token.type) {
    case 'heading':
      return `${'#'.repeat(token.depth)} ${inline(token.tokens).replace(/\s+/g, ' ')}`;
    case 'paragraph':
      return inline(token.tokens);
    case 'text':
      return 'tokens' in token && token.tokens ? inline(token.tokens) : decodeEntities(token.text);
    case 'list':
      return list(token as Tokens.List);
    case 'table':
      return table(token as Tokens.Table);
    case 'blockquote':
      return blocks(token.tokens ?? []).join('\n\n');
    case 'code':
      // Indented, so that a `# comment` in a code block is not read as a heading.
      return token.text
        .split('\n')
        .map((line: string) => `    ${line}`)
        .join('\n');
    case 'html':
      return htmlToPlainText(token.text);
    default:
      return '';
  }
}

function blocks(tokens: Token[]): string[] {
  return tokens.map(block).filter((text) => text.trim() !== '');
}

/** Markdown as plain text that keeps its structure: `#` headings, list markers, table rows. */
export function markdownToText(markdown: string): string {
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(markdown);
  } catch (error) {
    // marked recurses per inline token; a multi-megabyte paragraph overflows
    // the stack. Its text is still worth keeping, as plain text.
    if (error instanceof RangeError) return normalizeText(markdown);
    throw error;
  }
  return normalizeText(blocks(tokens).join('\n\n'));
}
