/** Saves a chart as PNG through main (the renderer never touches the disk). */
import { ElMessage } from 'element-plus';
import { errorMessage, invoke } from '../../api/client.ts';

export async function saveChartPng(dataUrl: string | null, name: string): Promise<void> {
  if (!dataUrl) {
    ElMessage.warning('图表尚未绘制完成，请稍后再试');
    return;
  }
  try {
    const { path } = await invoke('chart:savePng', { dataUrl, name });
    if (path) ElMessage.success(`已保存：${path}`);
  } catch (e) {
    ElMessage.error(errorMessage(e));
  }
}
