import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const WIDGET_DIR = path.resolve(import.meta.dirname, '../dist/widget');

/** What an embedding page downloads: the loader at once, each chunk when its panel first opens. */
export async function widgetSizeBench() {
  if (!existsSync(path.join(WIDGET_DIR, 'widget.js'))) {
    return { skipped: 'dist/widget is missing: run npm run build:widget first' };
  }
  const sizeOf = (file: string) => {
    const bytes = readFileSync(file);
    return { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  };
  const chunks = Object.fromEntries(
    readdirSync(path.join(WIDGET_DIR, 'widget'))
      .filter((name) => name.endsWith('.js'))
      .map((name) => [
        name.replace(/-[\w-]{8}\.js$/, ''),
        sizeOf(path.join(WIDGET_DIR, 'widget', name)),
      ]),
  );
  return { loader: sizeOf(path.join(WIDGET_DIR, 'widget.js')), chunks };
}
