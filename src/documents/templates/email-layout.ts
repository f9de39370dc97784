import type { MessageBlock } from './compose-blocks.ts';
import { escapeHtml } from './escape-html.ts';

// Email HTML is table-free where it can be and styled inline, because mail clients drop <style> blocks.
// Every piece of text is escaped here, template literals included, so neither a customer name nor an
// organization's own template can inject markup.

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2328';
const CELL = 'padding:6px 8px;border-bottom:1px solid #d0d7de;vertical-align:top';
const TEXT_CELL = `${CELL};text-align:left`;
const AMOUNT_CELL = `${CELL};text-align:right;white-space:nowrap`;
const BUTTON =
  'display:inline-block;padding:10px 20px;background-color:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold';

export interface EmailHtmlInput {
  readonly lang: string;
  readonly subject: string;
  readonly blocks: readonly MessageBlock[];
  /** The portal link: wherever it appears in a paragraph it becomes clickable. */
  readonly portalUrl: string;
}

export function emailHtml(input: EmailHtmlInput): string {
  const body = input.blocks.map((block) => blockHtml(block, input.portalUrl)).join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(input.lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(input.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background-color:#f4f5f7">',
    `<div style="max-width:640px;margin:0 auto;padding:24px;background-color:#ffffff;${FONT}">`,
    body,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

function blockHtml(block: MessageBlock, portalUrl: string): string {
  switch (block.type) {
    case 'paragraph':
      return `<p style="margin:0 0 14px">${linkify(escapeHtml(block.text), portalUrl).replace(/\n/gu, '<br>')}</p>`;
    case 'action':
      return `<p style="margin:20px 0"><a href="${escapeHtml(block.url)}" style="${BUTTON}">${escapeHtml(block.label)}</a></p>`;
    case 'invoices': {
      const last = block.columns.length - 1;
      const style = (i: number) => (i === last ? AMOUNT_CELL : TEXT_CELL);
      const head = block.columns.map((c, i) => `<th style="${style(i)};border-bottom-width:2px">${escapeHtml(c)}</th>`).join('');
      const rows = block.rows
        .map((cells) => `<tr>${cells.map((c, i) => `<td style="${style(i)}">${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('\n');
      return `<table style="width:100%;border-collapse:collapse;margin:0 0 14px;font-size:14px">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
    }
  }
}

function linkify(escapedText: string, portalUrl: string): string {
  const escapedUrl = escapeHtml(portalUrl);
  return escapedText.split(escapedUrl).join(`<a href="${escapedUrl}">${escapedUrl}</a>`);
}

/** The plain-text alternative: paragraphs apart, invoices one per line, the link spelled out. */
export function plainText(blocks: readonly MessageBlock[]): string {
  return blocks
    .map((block) => (block.type === 'paragraph' ? block.text : block.type === 'action' ? block.text : block.lines.join('\n')))
    .join('\n\n');
}
