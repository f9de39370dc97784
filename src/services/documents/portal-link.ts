// Documents and messages link to the customer portal at the server's public address (PUBLIC_URL, e.g.
// https://pay.example.com). Without it, the address the server listens on locally stands in.

export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PUBLIC_URL?.trim() ?? '';
  if (/^https?:\/\/[^\s"'<>]+$/iu.test(configured)) return configured.replace(/\/+$/u, '');
  return `http://localhost:${env.PORT || 3000}`;
}

/** The customer portal, where every invoice can be seen and paid. */
export function portalUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `${publicBaseUrl(env)}/portal`;
}
