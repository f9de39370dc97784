/**
 * The Message-ID of an outbox message: a function of the row id alone, so the copy re-sent after a crash
 * between the server's accept and our update carries the same id and the receiver can drop it.
 */
export function messageIdFor(outboxId: string, domain: string): string {
  return `<${outboxId}@${domain}>`;
}

/** The domain of "Name <user@example.com>" or "user@example.com", for Message-IDs. */
export function domainOfAddress(address: string | undefined): string | undefined {
  const match = address ? /@([A-Za-z0-9.-]+)>?\s*$/.exec(address) : null;
  return match?.[1]?.toLowerCase();
}
