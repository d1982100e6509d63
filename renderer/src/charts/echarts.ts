/**
 * ECharts is registered piece by piece (echarts/core) to keep the bundle small. This file holds
 * what the shell's charts use; a chart needing another part calls `use([...])` in its own file
 * (registration is idempotent), so no one has to edit a shared list.
 */
import { use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';

export function registerCharts(): void {
  use([CanvasRenderer, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent]);
}
