import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          // Import's second thread (src/main/import/read-ahead.ts finds it beside index.js).
          'derive-worker': resolve('src/main/import/derive-worker-main.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload is CommonJS and cannot require packages: it imports only the
    // dependency-free method names (src/shared/methods.ts) and types.
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [svelte()],
    build: { rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
})
