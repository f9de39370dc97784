import { COLOR, PAGE, SIZE, splitToFit, type Align, type Canvas } from './layout.ts';

export interface Column {
  readonly header: string;
  readonly width: number;
  readonly align: Align;
}

export interface TableOptions {
  readonly x: number;
  /** The column whose text may run over several pages (a long line description). */
  readonly flowColumn?: number;
  readonly bold?: (row: number) => boolean;
}

const PAD = 3.2;

/**
 * A table with a shaded header row that repeats on every page it spans. Amount columns are right-aligned.
 * A row moves whole to the next page when it does not fit; a row taller than a page (a 10,000-character
 * description) is split line by line across pages, its other cells printed on the first part only.
 */
export function drawTable(canvas: Canvas, columns: readonly Column[], rows: readonly (readonly string[])[], options: TableOptions): void {
  const width = columns.reduce((sum, c) => sum + c.width, 0);
  canvas.style('bold', SIZE.small);
  const headerHeight = Math.max(...columns.map((c) => canvas.heightOf(c.header, c.width - 2 * PAD))) + 2 * PAD;
  const header = () => {
    canvas.band(options.x, canvas.y, width, headerHeight);
    canvas.style('bold', SIZE.small, COLOR.muted);
    let x = options.x;
    for (const c of columns) {
      canvas.textAt(c.header, x + PAD, canvas.y + PAD, c.width - 2 * PAD, c.align);
      x += c.width;
    }
    canvas.y += headerHeight;
  };
  canvas.ensure(headerHeight + 24);
  header();
  canvas.withContinuation(header, () => {
    rows.forEach((cells, index) => {
      const bold = Boolean(options.bold?.(index));
      canvas.style(bold ? 'bold' : 'regular', SIZE.body);
      const heights = columns.map((c, i) => canvas.heightOf(cells[i] ?? '', c.width - 2 * PAD));
      const height = Math.max(...heights) + 2 * PAD;
      if (height <= canvas.room) {
        drawRow(canvas, columns, cells, options.x, height, bold);
        return;
      }
      const freshRoom = canvas.bottom - PAGE.margin - headerHeight;
      if (height <= freshRoom || options.flowColumn === undefined) {
        canvas.newPage();
        drawRow(canvas, columns, cells, options.x, height, bold);
        return;
      }
      drawFlowingRow(canvas, columns, cells, options.x, options.flowColumn, bold);
    });
  });
}

function drawRow(canvas: Canvas, columns: readonly Column[], cells: readonly string[], x0: number, height: number, bold: boolean): void {
  canvas.style(bold ? 'bold' : 'regular', SIZE.body);
  let x = x0;
  columns.forEach((c, i) => {
    canvas.textAt(cells[i] ?? '', x + PAD, canvas.y + PAD, c.width - 2 * PAD, c.align);
    x += c.width;
  });
  canvas.y += height;
  canvas.rule(canvas.y, x0, x);
}

function drawFlowingRow(canvas: Canvas, columns: readonly Column[], cells: readonly string[], x0: number, flow: number, bold: boolean): void {
  const flowWidth = columns[flow]!.width - 2 * PAD;
  let rest = cells[flow] ?? '';
  let first = true;
  while (rest !== '') {
    if (canvas.room < 4 * PAD + 12) canvas.newPage();
    canvas.style(bold ? 'bold' : 'regular', SIZE.body);
    const available = canvas.room - 2 * PAD;
    const [head, tail] = canvas.heightOf(rest, flowWidth) <= available ? [rest, ''] : splitToFit(canvas, rest, flowWidth, available);
    const part = columns.map((_, i) => (i === flow ? head : first ? (cells[i] ?? '') : ''));
    const height = Math.max(...columns.map((c, i) => canvas.heightOf(part[i]!, c.width - 2 * PAD))) + 2 * PAD;
    drawRow(canvas, columns, part, x0, height, bold);
    rest = tail;
    first = false;
    if (rest !== '') canvas.newPage();
  }
}
