import { once } from 'node:events';
import { createDeflate } from 'node:zlib';

/**
 * A valid PDF written by hand: one page per entry, each line a text object in
 * Helvetica, with a correct cross-reference table so pdf.js reads it strictly.
 */
export function minimalPdf(pages: string[][]): Buffer {
  const pdfString = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`);
  const pageIds = pages.map((_, index) => 4 + index * 2);
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  for (const [index, lines] of pages.entries()) {
    const contentId = 4 + index * 2 + 1;
    const stream = [
      'BT /F1 12 Tf 14 TL 72 720 Td',
      ...lines.map((line) => `(${pdfString(line)}) Tj T*`),
      'ET',
    ].join('\n');
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${contentId} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`,
      `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    );
  }
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Starts like a PDF, then is not one: pdf.js must refuse it. */
export function corruptPdf(): Buffer {
  return Buffer.from(
    '%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\nthis is not a pdf body\n',
    'latin1',
  );
}

/**
 * A valid PDF of `pages` pages that all draw the same Flate-compressed content
 * stream: a few kilobytes of file can inflate to hundreds of megabytes.
 */
export async function deflatedPdf(content: Buffer, pages = 1, repeat = 1): Promise<Buffer> {
  const compressed = await deflateRepeated(content, repeat);
  const pageIds = Array.from({ length: pages }, (_, index) => 5 + index);
  const objects: Buffer[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ].map((object) => Buffer.from(object, 'latin1'));
  objects.push(
    Buffer.concat([
      Buffer.from(`<< /Length ${compressed.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
      compressed,
      Buffer.from('\nendstream', 'latin1'),
    ]),
  );
  for (const _ of pageIds) {
    objects.push(
      Buffer.from(
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 3 0 R >> >> >>',
        'latin1',
      ),
    );
  }
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(length);
    const part = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      object,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(part);
    length += part.length;
  });
  let trailer = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  trailer += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  trailer += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(trailer, 'latin1'));
  return Buffer.concat(parts);
}

/** `block` repeated `times`, Flate-compressed, without ever holding the inflated whole. */
async function deflateRepeated(block: Buffer, times: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const output: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => output.push(chunk));
  for (let index = 0; index < times; index++) {
    if (!deflate.write(block)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  return Buffer.concat(output);
}

const MB = 1024 * 1024;
const TEXT_LINE =
  '(The quick brown fox jumps over the lazy dog. Pack my box with five dozen jugs.) Tj T*\n';
// One text object of 50 lines from the top of the page: pdf.js drops text drawn outside it.
const TEXT_BLOCK = Buffer.from(
  `BT /F1 12 Tf 14 TL 72 720 Td\n${TEXT_LINE.repeat(50)}ET\n`,
  'latin1',
);
const blocksOf = (bytes: number) => Math.max(1, Math.ceil(bytes / TEXT_BLOCK.length));

/** The three PDF bombs of issue 14, at sizes a test can choose. */
export const pdfBombs = {
  /** One page whose stream inflates to `bytes` of text operators, ~85% of it characters. */
  textOperators: (bytes: number) => deflatedPdf(TEXT_BLOCK, 1, blocksOf(bytes)),
  /** One page whose stream inflates to `megabytes` of newlines: no text, just work and memory. */
  newlines: (megabytes: number) => deflatedPdf(Buffer.alloc(MB, 0x0a), 1, megabytes),
  /** `pages` pages sharing one stream of `bytes` of text operators. */
  sharedStream: (pages: number, bytes: number) => deflatedPdf(TEXT_BLOCK, pages, blocksOf(bytes)),
};
