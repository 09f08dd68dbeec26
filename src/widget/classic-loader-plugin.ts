import type { Plugin } from 'vite';

// At this stage chunk names still hold hash placeholders such as `!~{003}~`.
const CHUNK_IMPORT = /import\((["'`])\.\/(widget\/[^"'`]+\.js)\1\)/g;

/**
 * widget.js runs as a classic `<script>` on the customer's page, so that it
 * can read `document.currentScript`. This plugin makes the bundled entry fit:
 *
 * - wraps it in a function, or its top-level names (mangled to `e`, `t`, …)
 *   would become globals of the customer's page;
 * - resolves the lazy chunks against the script's own URL: a script from
 *   another origin without `crossorigin` gets `about:blank` as the base URL of
 *   its `import()`;
 * - fails the build on a static import, an export or `import.meta`, which are
 *   syntax errors in a classic script (shared code belongs in the chunks).
 */
export function classicLoader(entryFileName: string): Plugin {
  return {
    name: 'buzzi-classic-loader',
    renderChunk(code, chunk) {
      if (chunk.fileName !== entryFileName) return null;
      if (chunk.imports.length > 0 || chunk.exports.length > 0) {
        this.error(
          `${entryFileName} must not import or export statically (imports: ${chunk.imports.join(', ')})`,
        );
      }
      if (code.includes('import.meta')) this.error(`${entryFileName} must not use import.meta`);
      const resolved = code.replace(
        CHUNK_IMPORT,
        (_match, _quote, file: string) =>
          `import(new URL(${JSON.stringify(`./${file}`)},__buzziSrc).href)`,
      );
      return `(()=>{const __buzziSrc=document.currentScript?.src??location.href;${resolved}})();\n`;
    },
  };
}
