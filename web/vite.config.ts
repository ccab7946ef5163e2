/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath, URL } from 'node:url'

// The C++ server (`jixiao serve`) answers /api and serves dist/ in production.
// In development Vite serves the UI and forwards /api to it.
const apiTarget = process.env.JX_API_TARGET ?? 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Big libraries change rarely: keep them in their own long-cached chunks.
        codeSplitting: {
          groups: [
            { name: 'vendor-element-plus', test: /[\\/]node_modules[\\/](element-plus|@element-plus)[\\/]/, priority: 30 },
            { name: 'vendor-echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'vendor-vue', test: /[\\/]node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/__tests__/**/*.spec.ts', 'src/**/*.spec.ts'],
    setupFiles: ['src/test-setup.ts'],
    css: false,
    server: {
      deps: { inline: ['element-plus'] },
    },
  },
})
