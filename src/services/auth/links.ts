/** Where emailed links point: the public address of the web app (PUBLIC_URL). */
export interface Links {
  readonly publicUrl: string;
}

// The token travels in the fragment, which browsers never send to a server, so it stays out of access logs
// and proxies; the web page reads it and posts it to the API.
function link(links: Links, page: string, token: string): string {
  return `${links.publicUrl.replace(/\/+$/, '')}/${page}#token=${token}`;
}

export function invitationLink(links: Links, token: string): string {
  return link(links, 'accept-invitation', token);
}

export function passwordResetLink(links: Links, token: string): string {
  return link(links, 'reset-password', token);
}
