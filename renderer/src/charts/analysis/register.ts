/** ECharts parts the analysis charts use beyond the shell's (registration is idempotent). */
import { use } from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { MarkAreaComponent } from 'echarts/components';

use([BarChart, LineChart, ScatterChart, MarkAreaComponent]);

/** One palette for all analysis charts, so 目标 and 实际 look the same everywhere. */
export const COLORS = {
  actual: '#3a6fb0',
  short: '#d9822b',
  target: '#c0392b',
  province: '#7f8c8d',
  path: '#27ae60',
  reported: '#8e44ad',
  parts: ['#3a6fb0', '#e6a23c', '#8e44ad', '#16a085'],
} as const;
