/**
 * A webhook URL as the API and the metrics show it: a password or query values (often a token) are
 * replaced by `***`, since those who read deliveries need not read the receivers' secrets.
 */
export function displayUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  for (const name of new Set(parsed.searchParams.keys())) parsed.searchParams.set(name, '***');
  return parsed.toString().replace(/%2A%2A%2A/g, '***');
}
