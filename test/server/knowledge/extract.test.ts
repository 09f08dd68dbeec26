import { describe, expect, it } from 'vitest';
import { extractFileText } from '../../../src/server/knowledge/extract/extract-text.js';
import { corruptPdf, minimalPdf } from '../../helpers/pdf-fixture.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

async function failure(fileName: string, bytes: Uint8Array): Promise<string> {
  const error = await extractFileText(fileName, bytes).then(
    () => new Error('extraction succeeded'),
    (e: unknown) => e as Error,
  );
  expect(error.name).toBe('UnreadableFileError');
  return error.message;
}

describe('plain text (.txt)', () => {
  it('normalises line ends, trailing spaces and runs of blank lines', async () => {
    const result = await extractFileText(
      'notes.txt',
      utf8('\uFEFFFirst line  \r\nSecond\r\n\r\n\r\n\r\nThird\n'),
    );
    expect(result).toEqual({
      text: 'First line\nSecond\n\nThird',
      format: 'text',
      mimeType: 'text/plain',
    });
  });

  it('reads UTF-16 with a byte-order mark and legacy Windows-1252 files', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Café opens at 8', 'utf16le'),
    ]);
    expect((await extractFileText('a.txt', utf16)).text).toBe('Café opens at 8');
    expect((await extractFileText('b.txt', Buffer.from('Café crème', 'latin1'))).text).toBe(
      'Café crème',
    );
  });

  it('refuses binary content under a text name', async () => {
    expect(await failure('tool.txt', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]))).toMatch(
      /named \.txt but is not a text file/,
    );
    expect(await failure('data.txt', Buffer.from([0x41, 0x00, 0x42]))).toMatch(
      /does not look like text/,
    );
  });
});

describe('Markdown (.md)', () => {
  it('keeps the text of a multi-megabyte single paragraph instead of overflowing the stack', async () => {
    const paragraph = 'Opening hours **Monday** to _Friday_. '.repeat(250_000);
    const result = await extractFileText('huge.md', utf8(paragraph));
    expect(JSON.stringify(result)).toContain('Opening hours');
    expect(JSON.stringify(result).length).toBeGreaterThan(1_000_000);
  });

  it('keeps headings as # lines and lists, drops inline markup', async () => {
    const markdown = [
      '# Pricing &amp; plans',
      '',
      'Our **Basic** plan is [cheap](https://x.test) and `fast`.',
      'Second line.',
      '',
      '- one',
      '- two',
      '',
      '1. first',
      '2. second',
      '',
      '| Plan | Price |',
      '|---|---|',
      '| Basic | 10 |',
      '',
      '```sh',
      '# not a heading',
      '```',
      '',
      '## Refunds',
      '![diagram](d.png) Refunds take *five* days.',
    ].join('\n');
    expect((await extractFileText('guide.md', utf8(markdown))).text).toBe(
      [
        '# Pricing & plans',
        '',
        'Our Basic plan is cheap and fast.',
        'Second line.',
        '',
        '- one',
        '- two',
        '',
        '1. first',
        '2. second',
        '',
        'Plan | Price',
        'Basic | 10',
        '',
        '    # not a heading',
        '',
        '## Refunds',
        '',
        'diagram Refunds take five days.',
      ].join('\n'),
    );
  });
});

describe('HTML (.html, .htm)', () => {
  it('turns h1–h6 into # headings and drops scripts, styles and navigation', async () => {
    const html = `<!doctype html><html><head><title>Ignored</title><style>p{color:red}</style>
      <script>alert("x")</script></head><body>
      <nav><a href="/">Home</a><a href="/about">About</a></nav>
      <h1>Opening &amp; hours</h1><p>We open at <b>8:00</b>. <a href="/more">More</a></p>
      <h3>Saturday</h3><ul><li>9:00</li><li>13:00</li></ul>
      <noscript>Enable JS</noscript></body></html>`;
    expect(await extractFileText('page.htm', utf8(html))).toEqual({
      text: '# Opening & hours\n\nWe open at 8:00. More\n\n### Saturday\n\n- 9:00\n- 13:00',
      format: 'html',
      mimeType: 'text/html',
    });
  });

  it('refuses a page with no text', async () => {
    const html = '<html><body><script>var a = 1</script><nav>Menu</nav></body></html>';
    expect(await failure('empty.html', utf8(html))).toBe('The file contains no readable text');
  });
});

describe('PDF (.pdf)', () => {
  it('reads the text of every page, pages separated by a blank line', async () => {
    const pdf = minimalPdf([
      ['Opening hours', 'Monday to Friday (8:00 to 18:00).'],
      ['Parking is free.'],
    ]);
    expect(await extractFileText('info.pdf', pdf)).toEqual({
      text: 'Opening hours\nMonday to Friday (8:00 to 18:00).\n\nParking is free.',
      format: 'pdf',
      mimeType: 'application/pdf',
    });
  });

  it('reads a real PDF uploaded under a text name', async () => {
    const result = await extractFileText('info.txt', minimalPdf([['Hello PDF']]));
    expect(result.format).toBe('pdf');
    expect(result.text).toBe('Hello PDF');
  });

  it('explains a corrupt PDF and a .pdf that is not one', async () => {
    expect(await failure('broken.pdf', corruptPdf())).toMatch(/^Could not read this PDF: .+/);
    expect(await failure('fake.pdf', utf8('just some text'))).toBe(
      'This file is named .pdf but is not a PDF',
    );
  });

  it('refuses a PDF without text', async () => {
    expect(await failure('blank.pdf', minimalPdf([[]]))).toBe('The file contains no readable text');
  });
});

describe('unsupported and empty files', () => {
  it('names the supported types', async () => {
    expect(await failure('setup.exe', Buffer.from([0x4d, 0x5a]))).toBe(
      '".exe" files are not supported. Upload a .txt, .md, .html, .htm or .pdf file',
    );
    expect(await failure('README', utf8('text'))).toMatch(/without an extension are not supported/);
  });

  it('refuses an empty file and one with only whitespace', async () => {
    expect(await failure('empty.txt', new Uint8Array())).toBe('The file is empty');
    expect(await failure('blank.md', utf8(' \n\n\t\n'))).toBe('The file contains no readable text');
  });
});
