import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { classicLoader } from './classic-loader-plugin.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/widget', import.meta.url));

// Library mode: no module-preload helper (it needs import.meta.url, which a
// classic script cannot use). The lazy chunks land in widget/ next to widget.js
// and load from the API origin whatever page embeds the widget.
export default defineConfig({
  root,
  plugins: [preact(), classicLoader('widget.js')],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2020',
    lib: { entry: 'widget.ts', formats: ['es'], fileName: () => 'widget.js' },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: 'widget/[name]-[hash].js',
        codeSplitting: { groups: [{ name: 'preact', test: /node_modules[\\/]preact/ }] },
      },
    },
  },
});
