import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendPoint {
  evaluatedAt: string;
  counts: { pass: number; fail: number; error: number; not_applicable: number };
}

/**
 * Failing and passing entities of one test, run by run (uPlot: a canvas chart of ~50 KB, loaded only with this
 * module, which the Tests pages import lazily). The data is also in the table beside it for screen readers.
 */
export default function TrendChart({ points, label }: { points: readonly TrendPoint[]; label: string }) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = container.current;
    if (element === null || points.length === 0) return undefined;
    const ordered = [...points].sort((a, b) => a.evaluatedAt.localeCompare(b.evaluatedAt));
    const data: uPlot.AlignedData = [
      ordered.map((point) => new Date(point.evaluatedAt).getTime() / 1000),
      ordered.map((point) => point.counts.fail),
      ordered.map((point) => point.counts.pass),
      ordered.map((point) => point.counts.error),
    ];
    const width = () => Math.max(280, element.clientWidth);
    const chart = new uPlot(
      {
        width: width(),
        height: 220,
        series: [
          {},
          { label: 'Failing', stroke: '#a1261b', width: 2, points: { show: true } },
          { label: 'Passing', stroke: '#1a6b35', width: 2, points: { show: true } },
          { label: 'Error', stroke: '#8a5a00', width: 1, dash: [4, 4] },
        ],
        axes: [{}, { label: 'Entities' }],
        scales: { x: { time: true } },
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: 220 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points]);
  return <div ref={container} className="trend" role="img" aria-label={label} />;
}
