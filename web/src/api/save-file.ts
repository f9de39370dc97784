/**
 * Hands a fetched file to the browser as a download, under the name the server gave it (Content-Disposition).
 * Files are fetched rather than linked so that a refusal can be shown in the page instead of saved as a file.
 */
export async function saveResponse(response: Response): Promise<void> {
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'document';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
