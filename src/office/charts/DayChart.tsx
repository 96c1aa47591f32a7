/**
 * Registrations per day as a uPlot column chart. This module (and uPlot with it) is loaded only by the
 * overview screen, through a dynamic import, so no other screen pays for the chart library.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface DayChartProps {
  days: { day: string; count: number }[];
  label: string;
  width: number;
}

const noon = (day: string) => Date.parse(`${day}T12:00:00+07:00`) / 1000;

export default function DayChart({ days, label, width }: DayChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Without a 2D canvas (disabled, or a test DOM) there is no chart; the table beside it stays.
    if (!host.current || !document.createElement('canvas').getContext('2d')) return;
    const bars = uPlot.paths.bars!({ size: [0.8, 24] });
    const chart = new uPlot(
      {
        width,
        height: 220,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Jakarta'),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.1))] } },
        axes: [{}, { size: 40 }],
        series: [
          {},
          { label, stroke: '#0b6e4f', fill: 'rgba(11,110,79,0.55)', paths: bars, points: { show: false } },
        ],
      },
      [days.map((d) => noon(d.day)), days.map((d) => d.count)],
      host.current,
    );
    return () => chart.destroy();
  }, [days, label, width]);
  return <div ref={host} aria-hidden="true" class="k-chart" />;
}
