// esbuild bundles the style sheet imported by main.ts into app.css.
declare module '*.css';
