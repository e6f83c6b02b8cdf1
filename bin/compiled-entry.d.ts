export function freshCompiledEntry(root: string, buildDir: string, entryName: string): string | null;
