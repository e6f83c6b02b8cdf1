// js-yaml ships no types; it arrives with electron-builder, which reads build/electron-builder.yml with it.
declare module 'js-yaml' {
  export function load(text: string): unknown;
  const yaml: { load: typeof load };
  export default yaml;
}
