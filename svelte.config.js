// Svelte compiler options for Vite, svelte-check and ESLint. TypeScript in <script lang="ts"> needs no preprocessor.
export default {
  compilerOptions: { runes: true },
};
