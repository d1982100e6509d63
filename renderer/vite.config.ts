/**
 * Renderer build. `base: './'` makes asset URLs relative, so the same output works from
 * `app://renderer/` in Electron and from the e2e harness's static server.
 */
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [vue()],
  build: {
    outDir: `${root}/../out/renderer`,
    emptyOutDir: true,
    target: 'chrome140',
    // Source maps stay out of the package: they would ship the source to every PC.
    sourcemap: false,
    // element-plus alone is about 1 MB; the app loads it from disk, never over a network.
    chunkSizeWarningLimit: 1200,
    // Vendor libraries in their own chunks: the app chunk stays small and readable in a review.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)[\\/]/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  // shared/ lives outside the renderer root; the dev server must be allowed to read it.
  server: { fs: { allow: [`${root}/..`] } },
});
