/**
 * Redacts a secret for evidence: keeps a short prefix that tells the kind of
 * key (AKIA, ghp_, xoxb-) and hides the rest, so evidence never echoes it.
 * @public
 */
export function redactSecret(secret: string): string {
  const prefix = /^(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9]|gh[pousr]_|xox[baprs]-)/.exec(secret)?.[0] ?? '';
  return `${prefix}${'*'.repeat(8)} (redacted, ${secret.length} characters)`;
}
