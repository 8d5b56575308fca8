// Plain SVG charts with a title and a description for screen readers; every chart is shown next to
// a table of the same numbers, so nothing is told by the picture alone.
import { h, svg, uniqueId } from './dom';

export interface Bar {
  label: string;
  value: number;
}

export interface Series {
  name: string;
  /** y in 0–100 (per cent) for each x label. */
  points: { x: string; y: number }[];
}

const COLOURS = ['#0b5394', '#b45309', '#047857', '#7c3aed', '#be123c'];

function frame(title: string, description: string, width: number, height: number) {
  const titleId = uniqueId('chart-title');
  const descId = uniqueId('chart-desc');
  const root = svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      class: 'chart',
    },
    svg('title', { id: titleId }, title),
    svg('desc', { id: descId }, description),
  );
  return root;
}

/** Horizontal bars, one per label. */
export function barChart(title: string, bars: readonly Bar[]): SVGSVGElement {
  const row = 28;
  const width = 640;
  const labelWidth = 220;
  const height = Math.max(1, bars.length) * row + 10;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const description = bars.map((b) => `${b.label}: ${b.value}`).join('; ');
  const chart = frame(title, description, width, height);
  bars.forEach((bar, i) => {
    const y = 5 + i * row;
    const length = ((width - labelWidth - 50) * bar.value) / max;
    chart.append(
      svg(
        'text',
        { x: labelWidth - 8, y: y + 17, 'text-anchor': 'end', class: 'chart-label' },
        bar.label,
      ),
      svg('rect', {
        x: labelWidth,
        y: y + 4,
        width: Math.max(2, length),
        height: row - 10,
        fill: COLOURS[0],
      }),
      svg(
        'text',
        { x: labelWidth + length + 6, y: y + 17, class: 'chart-value' },
        String(bar.value),
      ),
    );
  });
  return chart;
}

/** Columns grouped by x label (a day), one per series (an agency), y from 0 to 100 %. */
export function columnChart(
  title: string,
  xs: readonly string[],
  series: readonly Series[],
): HTMLElement {
  const left = 48;
  const top = 20;
  const bottom = 36;
  const plotHeight = 180;
  const column = 36;
  const gap = 24;
  const groupWidth = series.length * column + gap;
  const width = Math.max(320, left + xs.length * groupWidth + gap);
  const height = top + plotHeight + bottom;
  const yOf = (value: number) => top + plotHeight * (1 - value / 100);
  const description = series
    .map((s) => `${s.name}: ${s.points.map((p) => `${p.x} ${Math.round(p.y)} %`).join(', ')}`)
    .join('; ');
  const chart = frame(title, description, width, height);
  for (const tick of [0, 50, 100]) {
    chart.append(
      svg('line', { x1: left, x2: width, y1: yOf(tick), y2: yOf(tick), class: 'chart-grid' }),
      svg(
        'text',
        { x: left - 6, y: yOf(tick) + 4, 'text-anchor': 'end', class: 'chart-label' },
        `${tick} %`,
      ),
    );
  }
  xs.forEach((x, i) => {
    const start = left + gap + i * groupWidth;
    chart.append(
      svg(
        'text',
        {
          x: start + (series.length * column) / 2,
          y: height - 12,
          'text-anchor': 'middle',
          class: 'chart-label',
        },
        x,
      ),
    );
    series.forEach((s, n) => {
      const point = s.points.find((p) => p.x === x);
      if (!point) return;
      const colour = COLOURS[n % COLOURS.length] ?? '#000';
      const y = yOf(point.y);
      chart.append(
        svg('rect', {
          x: start + n * column,
          y,
          width: column - 4,
          height: Math.max(1, top + plotHeight - y),
          fill: colour,
        }),
        svg(
          'text',
          {
            x: start + n * column + (column - 4) / 2,
            y: y - 4,
            'text-anchor': 'middle',
            class: 'chart-value',
          },
          `${Math.round(point.y)}`,
        ),
      );
    });
  });
  const legend = h(
    'ul',
    { class: 'legend' },
    ...series.map((s, n) =>
      h(
        'li',
        {},
        h('span', {
          class: 'swatch',
          'data-colour': String(n % COLOURS.length),
          'aria-hidden': 'true',
        }),
        s.name,
      ),
    ),
  );
  return h('figure', { class: 'chart-figure' }, chart, legend);
}
