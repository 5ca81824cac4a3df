// `--name value` options of the bench scripts (they start nothing and validate little: a missing value
// is undefined, the script says what it needs).
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
