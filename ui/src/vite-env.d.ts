// Types for Vite and Svelte in this project (asset imports such as the logo).
/// <reference types="svelte" />
/// <reference types="vite/client" />
