// Svelte compiler options for the UI (TypeScript in components via Vite).
import { vitePreprocess } from "@sveltejs/vite-plugin-svelte";

export default { preprocess: vitePreprocess() };
