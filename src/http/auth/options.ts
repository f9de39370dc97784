/** How the server signs people in; from the environment (PUBLIC_URL, NODE_ENV). */
export interface AuthOptions {
  /** The web app's public address, for emailed links. */
  readonly publicUrl: string;
  /** Mark cookies Secure: on whenever the public address is https, and in production. */
  readonly secureCookies: boolean;
  readonly production: boolean;
}

export function authOptions(publicUrl = 'http://localhost:3000', production = false): AuthOptions {
  return { publicUrl, secureCookies: production || publicUrl.startsWith('https:'), production };
}
